using System.Globalization;
using System.Text.Json;

namespace MeshStudio.Web.Demo;

/// <summary>Generates plausible demo events: orders (with countries spelled several ways), campaigns, shipments.</summary>
public sealed class DemoEvents(Random random)
{
    private static readonly string[] Countries = ["US", "U.S.", "USA", "United States", "DE", "Germany", "FR", "France", "GB", "UK", "United Kingdom", "NL"];
    private static readonly string[] Products = ["espresso-machine", "grinder", "milk-frother", "beans-1kg", "descaler", "tamper"];
    private static readonly string[] Channels = ["search", "social", "email", "display"];
    private static readonly string[] Carriers = ["dhl", "ups", "postnl", "fedex"];

    public string Order(DateTime at)
    {
        var customer = random.Next(1, 400);
        return JsonSerializer.Serialize(new
        {
            order_id = Guid.NewGuid().ToString("N"),
            ts = Iso(at),
            customer_id = $"c{customer:D4}",
            country = Countries[random.Next(Countries.Length)],
            amount = Math.Round(5 + (random.NextDouble() * 495), 2),
            email = $"customer{customer}@example.com",
            product = Products[random.Next(Products.Length)],
            session_id = Guid.NewGuid().ToString("N")[..12],
        });
    }

    public string CampaignEvent(DateTime at)
    {
        var clicks = random.Next(10, 500);
        return JsonSerializer.Serialize(new
        {
            campaign_id = $"cmp-{random.Next(1, 13):D2}",
            ts = Iso(at),
            channel = Channels[random.Next(Channels.Length)],
            spend = Math.Round(clicks * (0.2 + random.NextDouble()), 2),
            clicks,
            conversions = random.Next(0, clicks / 10),
        });
    }

    public string Shipment(DateTime at) => JsonSerializer.Serialize(new
    {
        shipment_id = Guid.NewGuid().ToString("N"),
        order_id = Guid.NewGuid().ToString("N"),
        ts = Iso(at),
        carrier = Carriers[random.Next(Carriers.Length)],
        status = random.Next(10) < 8 ? "delivered" : "in_transit",
        country = Countries[random.Next(Countries.Length)] switch { "U.S." or "USA" or "United States" => "US", "Germany" => "DE", "France" => "FR", "UK" or "United Kingdom" => "GB", var c => c },
        delivery_days = random.Next(1, 8),
    });

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
