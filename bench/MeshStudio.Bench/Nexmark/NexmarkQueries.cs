namespace MeshStudio.Bench.Nexmark;

/// <summary>One job of a query: its name (product = name without <c>_job</c>), KEY and SELECT in MeshStudio's dialect.</summary>
public sealed record NexmarkJob(string Product, string? Key, string Select)
{
    public string Name => Product + "_job";

    public string Sql => $"CREATE JOB sales.{Name} AS\nINSERT INTO sales.{Product}{(Key is null ? "" : $" KEY ({Key})")}\n{Select}";
}

/// <summary>
/// A Nexmark query as MeshStudio jobs (the last one writes the result), the sources it reads (its events count
/// towards its throughput), whether Flink's per-core reference for simple queries or for joins/windows applies, and
/// the oracle: the same query in plain DuckDB SQL over tables <c>person</c>, <c>auction</c>, <c>bid</c> holding all input.
/// </summary>
public sealed record NexmarkQuery(string Id, IReadOnlyList<NexmarkJob> Jobs, IReadOnlyList<NexmarkKind> Inputs, bool Simple, string Oracle)
{
    public NexmarkJob Result => Jobs[^1];
}

public static class NexmarkQueries
{
    private const string Persons = "sales.nx_person";
    private const string Auctions = "sales.nx_auction";
    private const string Bids = "sales.nx_bid";

    /// <summary>The sources, in MeshStudio's dialect.</summary>
    public static string SourcesScript =>
        $"""
         CREATE SOURCE {Persons} ({NexmarkGenerator.PersonColumns}) WITH (format = 'json', ingest = 'http', event_time = 'date_time');
         CREATE SOURCE {Auctions} ({NexmarkGenerator.AuctionColumns}) WITH (format = 'json', ingest = 'http', event_time = 'date_time');
         CREATE SOURCE {Bids} ({NexmarkGenerator.BidColumns}) WITH (format = 'json', ingest = 'http', event_time = 'date_time');
         """;

    public static string SourceName(NexmarkKind kind) => kind switch
    {
        NexmarkKind.Person => "nx_person",
        NexmarkKind.Auction => "nx_auction",
        _ => "nx_bid",
    };

    public static string SourceColumns(NexmarkKind kind) => kind switch
    {
        NexmarkKind.Person => NexmarkGenerator.PersonColumns,
        NexmarkKind.Auction => NexmarkGenerator.AuctionColumns,
        _ => NexmarkGenerator.BidColumns,
    };

    public static IReadOnlyList<NexmarkQuery> All { get; } =
    [
        // q0 pass-through.
        new("q0", [new("nx_q0", null, $"SELECT auction, bidder, price, channel, url, date_time FROM {Bids}")], [NexmarkKind.Bid], true,
            "SELECT auction, bidder, price, channel, url, date_time FROM bid"),

        // q1 currency conversion (dollars to euros).
        new("q1", [new("nx_q1", null, $"SELECT auction, bidder, 0.908 * price AS price, date_time FROM {Bids}")], [NexmarkKind.Bid], true,
            "SELECT auction, bidder, 0.908 * price AS price, date_time FROM bid"),

        // q2 selection.
        new("q2", [new("nx_q2", null, $"SELECT auction, price FROM {Bids} WHERE auction % 123 = 0")], [NexmarkKind.Bid], true,
            "SELECT auction, price FROM bid WHERE auction % 123 = 0"),

        // q3 local item suggestion: auctions joined with the latest row of their seller.
        new("q3", [new("nx_q3", null,
                $"SELECT p.name, p.city, p.state, a.id FROM {Auctions} a JOIN LATEST {Persons} p ON p.id = a.seller " +
                "WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA')")],
            [NexmarkKind.Auction, NexmarkKind.Person], false,
            "SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON p.id = a.seller WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA')"),

        // q4 average closing price per category: the closing price per auction merges incrementally (max), the average
        // per category is sum and count over that product (a table, recomputed; avg = total / auctions when reading).
        new("q4", [
                new("nx_q4_max", "id, category",
                    $"SELECT a.id, a.category, max(b.price) AS final FROM {Bids} b JOIN LATEST {Auctions} a ON a.id = b.auction " +
                    "WHERE b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.category"),
                new("nx_q4", "category", "SELECT category, CAST(sum(final) AS BIGINT) AS total, count(*) AS auctions FROM sales.nx_q4_max GROUP BY category"),
            ],
            [NexmarkKind.Bid, NexmarkKind.Auction], false,
            "SELECT category, CAST(sum(final) AS BIGINT) AS total, count(*) AS auctions FROM (" +
            "SELECT a.id, a.category, max(b.price) AS final FROM auction a JOIN bid b ON a.id = b.auction " +
            "WHERE b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.category) GROUP BY category"),

        // q5 hot items: bids per auction per HOP window merge incrementally (count), the top auctions per window are
        // picked from that product.
        new("q5", [
                new("nx_q5_counts", "auction, window_start, window_end",
                    $"SELECT auction, window_start, window_end, count(*) AS num FROM HOP({Bids}, date_time, INTERVAL '2 seconds', INTERVAL '10 seconds') " +
                    "GROUP BY auction, window_start, window_end"),
                new("nx_q5", null,
                    "SELECT auction, num, window_start, window_end FROM sales.nx_q5_counts QUALIFY num = max(num) OVER (PARTITION BY window_start, window_end)"),
            ],
            [NexmarkKind.Bid], false,
            """
            WITH hop AS (
              SELECT b.auction, w.ws AS window_start, w.ws + INTERVAL 10 SECOND AS window_end
              FROM bid b, unnest(range(time_bucket(INTERVAL 2 SECOND, b.date_time) - INTERVAL 8 SECOND,
                                       time_bucket(INTERVAL 2 SECOND, b.date_time) + INTERVAL 2 SECOND, INTERVAL 2 SECOND)) AS w(ws)),
            counts AS (SELECT auction, window_start, window_end, count(*) AS num FROM hop GROUP BY ALL),
            maxes AS (SELECT window_start, window_end, max(num) AS maxn FROM counts GROUP BY ALL)
            SELECT c.auction, c.num, c.window_start, c.window_end FROM counts c
            JOIN maxes m ON c.window_start = m.window_start AND c.window_end = m.window_end AND c.num >= m.maxn
            """),

        // q7 highest bid per TUMBLE window (reads bids twice: recomputed on every run).
        new("q7", [new("nx_q7", null,
                $"SELECT b.auction, b.price, b.bidder, b.date_time FROM {Bids} b JOIN (" +
                $"SELECT max(price) AS maxprice, window_end FROM TUMBLE({Bids}, date_time, INTERVAL '10 seconds') GROUP BY window_start, window_end) m " +
                "ON b.price = m.maxprice WHERE b.date_time BETWEEN m.window_end - INTERVAL '10 seconds' AND m.window_end")],
            [NexmarkKind.Bid], false,
            "SELECT b.auction, b.price, b.bidder, b.date_time FROM bid b JOIN (" +
            "SELECT max(price) AS maxprice, time_bucket(INTERVAL 10 SECOND, date_time) + INTERVAL 10 SECOND AS window_end FROM bid GROUP BY 2) m " +
            "ON b.price = m.maxprice WHERE b.date_time BETWEEN m.window_end - INTERVAL 10 SECOND AND m.window_end"),

        // q8 new persons who opened an auction in the same TUMBLE window (a join of two streams: recomputed on every run).
        new("q8", [new("nx_q8", null,
                "SELECT p.id, p.name, p.window_start AS starttime FROM " +
                $"(SELECT id, name, window_start, window_end FROM TUMBLE({Persons}, date_time, INTERVAL '10 seconds') GROUP BY id, name, window_start, window_end) p " +
                $"JOIN (SELECT seller, window_start, window_end FROM TUMBLE({Auctions}, date_time, INTERVAL '10 seconds') GROUP BY seller, window_start, window_end) a " +
                "ON p.id = a.seller AND p.window_start = a.window_start AND p.window_end = a.window_end")],
            [NexmarkKind.Person, NexmarkKind.Auction], false,
            "SELECT p.id, p.name, p.ws AS starttime FROM " +
            "(SELECT id, name, time_bucket(INTERVAL 10 SECOND, date_time) AS ws FROM person GROUP BY ALL) p " +
            "JOIN (SELECT seller, time_bucket(INTERVAL 10 SECOND, date_time) AS ws FROM auction GROUP BY ALL) a " +
            "ON p.id = a.seller AND p.ws = a.ws"),
    ];
}
