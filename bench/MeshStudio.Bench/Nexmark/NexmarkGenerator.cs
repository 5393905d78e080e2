using System.Globalization;
using System.Text.Json;

namespace MeshStudio.Bench.Nexmark;

/// <summary>One Nexmark event in generation order.</summary>
public readonly record struct NexmarkEvent(NexmarkKind Kind, string Json);

public enum NexmarkKind
{
    Person,
    Auction,
    Bid,
}

/// <summary>
/// The Nexmark event stream with the standard shapes and proportions (per 50 events: 1 person, 3 auctions, 46 bids;
/// ids from 1000; auction categories 10–14; bids skewed to hot auctions and bidders), deterministic for a seed.
/// Event time advances 100 µs per event (10,000 events per second of event time, stored to the millisecond).
/// Simplifications: no <c>extra</c> padding column, and sellers/bidders are drawn from recent persons.
/// </summary>
public sealed class NexmarkGenerator(int seed)
{
    private static readonly string[] FirstNames = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"];
    private static readonly string[] LastNames = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];
    private static readonly string[] Cities = ["Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"];
    private static readonly string[] States = ["AZ", "CA", "ID", "OR", "WA", "WY"];
    private static readonly string[] Channels = ["Google", "Facebook", "Baidu", "Apple"];
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random = new(seed);
    private long _persons;
    private long _auctions;

    public const string PersonColumns = "id BIGINT, name VARCHAR, email_address VARCHAR, credit_card VARCHAR, city VARCHAR, state VARCHAR, date_time TIMESTAMP";
    public const string AuctionColumns = "id BIGINT, item_name VARCHAR, description VARCHAR, initial_bid BIGINT, reserve BIGINT, date_time TIMESTAMP, expires TIMESTAMP, seller BIGINT, category BIGINT";
    public const string BidColumns = "auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, date_time TIMESTAMP";

    public IEnumerable<NexmarkEvent> Events(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = Start.AddTicks(i * 1_000L); // 100 µs
            var slot = i % 50;
            if (slot == 0 || _persons == 0)
                yield return new(NexmarkKind.Person, Person(at));
            else if (slot <= 3 || _auctions == 0)
                yield return new(NexmarkKind.Auction, Auction(at));
            else
                yield return new(NexmarkKind.Bid, Bid(at));
        }
    }

    private string Person(DateTime at)
    {
        var id = 1000 + _persons++;
        var name = $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";
        var city = _random.Next(Cities.Length);
        return JsonSerializer.Serialize(new
        {
            id,
            name,
            email_address = $"{name.Replace(' ', '.').ToLowerInvariant()}{id}@example.com",
            credit_card = string.Join(' ', Enumerable.Range(0, 4).Select(_ => _random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture))),
            city = Cities[city],
            state = States[_random.Next(States.Length)],
            date_time = Iso(at),
        });
    }

    private string Auction(DateTime at)
    {
        var id = 1000 + _auctions++;
        var initial = 1 + _random.Next(1_000);
        return JsonSerializer.Serialize(new
        {
            id,
            item_name = $"item-{_random.Next(100_000)}",
            description = $"lot {id}: {Channels[_random.Next(Channels.Length)].ToLowerInvariant()} special",
            initial_bid = initial,
            reserve = initial + _random.Next(1_000),
            date_time = Iso(at),
            expires = Iso(at.AddMilliseconds(2_000 + _random.Next(18_000))),
            seller = RecentPerson(hotRatio: 0.5),
            category = 10 + _random.Next(5),
        });
    }

    private string Bid(DateTime at)
    {
        // Half of the bids go to the ten newest (hot) auctions, the rest to the 100 newest.
        var auction = 1000 + _auctions - 1 - _random.Next((int)Math.Min(_auctions, _random.NextDouble() < 0.5 ? 10 : 100));
        var channel = _random.Next(Channels.Length);
        return JsonSerializer.Serialize(new
        {
            auction,
            bidder = RecentPerson(hotRatio: 0.75),
            price = (long)Math.Round(100 * Math.Exp(_random.NextDouble() * 5)),
            channel = Channels[channel],
            url = $"https://www.nexmark.com/{Channels[channel].ToLowerInvariant()}/item.htm?query=1&channel_id={_random.Next(10_000)}",
            date_time = Iso(at),
        });
    }

    /// <summary>One of the 10 newest persons with probability <paramref name="hotRatio"/>, else any person so far.</summary>
    private long RecentPerson(double hotRatio) =>
        1000 + (_random.NextDouble() < hotRatio ? _persons - 1 - _random.Next((int)Math.Min(_persons, 10)) : _random.NextInt64(_persons));

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
