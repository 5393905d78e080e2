using System.Data.Common;
using System.Diagnostics;
using MeshStudio.Application.Search;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Bench.Workloads;

/// <summary>
/// Workload 6, catalog search: 10,000 published products (names, titles, descriptions, tags, columns; no lake data)
/// written straight into the hosted app's catalog, then a fixed set of marketplace searches (names, columns, tags,
/// two words, prefixes, typos, with and without a facet filter, sorted by freshness) through the app's
/// <see cref="ProductSearch"/> use case, p50/p95 over every search. Reference, same run, same table: a plain
/// <c>LIKE '%word%'</c> scan over name, title, description, tags and columns (every word must occur; no ranking,
/// no facets, no typo tolerance). The figure is the ratio of the two p95s; the target is search p95 ≤ 20 ms.
/// </summary>
public static class CatalogSearchWorkload
{
    private static readonly string[] Subjects =
    [
        "revenue", "customer", "orders", "shipments", "carrier", "campaign", "churn", "inventory", "warehouse", "invoice",
        "refund", "payment", "session", "click", "conversion", "signup", "newsletter", "delivery", "region", "country",
        "product", "stock", "supplier", "forecast", "margin", "discount", "basket", "subscription", "ticket", "return",
    ];

    private static readonly string[] Qualifiers = ["daily", "weekly", "monthly", "by_country", "by_region", "per_customer", "live", "summary"];

    private static readonly string[] ColumnWords =
    [
        "customer_id", "order_id", "amount", "country", "region", "email_hash", "created_at", "updated_at", "quantity", "sku",
        "carrier", "status", "channel", "campaign_id", "score", "price", "currency", "warehouse_id", "session_id", "revenue",
    ];

    private static readonly string[] Tags = ["finance", "kpi", "operations", "growth", "inventory", "sla", "marketing", "retention", "live", "gdpr"];

    private static readonly string[] Filler =
    [
        "aligned", "to", "ISO", "codes", "updated", "every", "hour", "from", "the", "web", "shop", "stream", "joined", "with",
        "per", "and", "for", "planning", "reporting", "teams", "cleaned", "deduplicated", "within", "minutes", "of", "arrival",
    ];

    /// <summary>What a marketplace user types: names, columns, tags, two words, prefixes and typos.</summary>
    private static readonly string[] Queries =
    [
        "revenue", "customer", "shipments carrier", "warehouse stock", "churn", "sku", "email_hash", "gdpr", "kpi",
        "revnue", "custmer", "shipmnets", "warehuose", "campain", "rev", "deliv", "newsletter signup", "refund monthly",
        "margin by_country", "subscription", "forecast", "tickets", "payment currency", "basket",
    ];

    public static async Task RunAsync(BenchOptions options, Results results)
    {
        var products = options.SearchProducts;
        Console.WriteLine($"Workload 6 (catalog search): {products:N0} products, {Queries.Length} queries × {options.SearchRounds} rounds");
        await using var app = BenchApp.Start();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<MeshDbContext>>();
        var (write, _) = await Timing.RunAsync(async () =>
        {
            await CreateProductsAsync(dbFactory, products);
            return 0;
        });
        Console.WriteLine($"  {products:N0} products written and indexed in {write.Wall.TotalSeconds:F1} s");

        var search = app.Services.GetRequiredService<ProductSearch>();
        var load = Stopwatch.StartNew();
        var first = await search.SearchAsync(new ProductQuery("revenue", null, null), CancellationToken.None);
        results.Record("search_first_ms_with_catalog_load", load.Elapsed.TotalMilliseconds);
        Console.WriteLine($"  first search (loads the catalog copy): {load.Elapsed.TotalMilliseconds:F0} ms, {first.Total:N0} hits for 'revenue'");

        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        var searchMs = new List<double>();
        var likeMs = new List<double>();
        var hits = new Dictionary<string, (int Search, int Like, string? DidYouMean)>();
        for (var round = 0; round <= options.SearchRounds; round++)
        {
            foreach (var (text, i) in Queries.Select((q, i) => (q, i)))
            {
                // Every third search filters a facet, every fifth sorts by freshness, as users click around.
                var query = new ProductQuery(text, i % 3 == 1 ? "sales" : null, i % 3 == 2 ? "kpi" : null,
                    Sort: i % 5 == 0 ? SearchSort.Freshness : SearchSort.Relevance);
                var watch = Stopwatch.StartNew();
                var page = await search.SearchAsync(query, CancellationToken.None);
                var searchElapsed = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var like = await LikeScanAsync(connection, text);
                var likeElapsed = watch.Elapsed.TotalMilliseconds;
                if (round == 0)
                {
                    hits[text] = (page.Total, like, page.DidYouMean);
                    continue; // warm-up round: JIT and caches, not measured
                }
                searchMs.Add(searchElapsed);
                likeMs.Add(likeElapsed);
            }
        }

        foreach (var (text, (found, like, suggestion)) in hits)
            results.Note($"search '{text}': {found:N0} hits (LIKE scan {like:N0}){(suggestion is null ? "" : $", did you mean '{suggestion}'")}");
        var p95 = Stats.Percentile(searchMs, 95);
        var likeP95 = Stats.Percentile(likeMs, 95);
        results.Record("search_p50_ms", Stats.Percentile(searchMs, 50));
        results.Record("search_p95_ms", p95);
        results.Record("search_max_ms", searchMs.Max());
        results.Record("like_scan_p50_ms", Stats.Percentile(likeMs, 50));
        results.Record("like_scan_p95_ms", likeP95);
        results.Record("search_p95_ratio_vs_like_scan", p95 / likeP95);
        results.Record("search_products", products);
    }

    private static async Task CreateProductsAsync(IDbContextFactory<MeshDbContext> dbFactory, int count)
    {
        var random = new Random(42);
        await using var db = await dbFactory.CreateDbContextAsync();
        var domains = await db.Domains.ToDictionaryAsync(d => d.Name, d => d.Id);
        var owners = await db.Users.Where(u => u.UserName!.EndsWith(".owner")).ToDictionaryAsync(u => u.UserName!.Split('.')[0], u => u.Id);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var domainNames = domains.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < count; i++)
        {
            var domain = domainNames[i % domainNames.Length];
            var subject = Pick(random, Subjects);
            var other = Pick(random, Subjects);
            var qualifier = Pick(random, Qualifiers);
            db.Products.Add(new Product
            {
                DomainId = domains[domain],
                Name = $"{subject}_{qualifier}_{i}",
                Title = $"{Capital(subject)} {qualifier.Replace('_', ' ')} {i}",
                Description = $"{Capital(subject)} {string.Join(' ', Enumerable.Range(0, 8).Select(_ => Pick(random, Filler)))} {other} " +
                              string.Join(' ', Enumerable.Range(0, 12).Select(_ => Pick(random, Filler))) + ".",
                Tags = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, Tags)).Distinct().ToList(),
                OwnerUserId = owners.GetValueOrDefault(domain),
                Status = ProductStatus.Published,
                Columns = Enumerable.Range(0, 4 + random.Next(5)).Select(_ => Pick(random, ColumnWords)).Distinct()
                    .Select(c => new ColumnSchema(c, "VARCHAR")).ToList(),
                RowCount = random.Next(1_000_000),
                CreatedAt = start,
                PublishedAt = start.AddMinutes(i),
                LastUpdatedAt = start.AddMinutes(random.Next(count)),
            });
        }
        await db.SaveChangesAsync();
        // The same start-up step that rebuilds the full-text index from the products table.
        await CatalogDatabase.InitializeAsync(db, CancellationToken.None);
    }

    /// <summary>The reference: every word as <c>LIKE '%word%'</c> over the searchable text columns of Products.</summary>
    private static async Task<int> LikeScanAsync(DbConnection connection, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Products WHERE " + string.Join(" AND ", words.Select((_, i) =>
            $"(Name LIKE @w{i} OR Title LIKE @w{i} OR Description LIKE @w{i} OR Tags LIKE @w{i} OR Columns LIKE @w{i})"));
        foreach (var (word, i) in words.Select((w, i) => (w, i)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@w{i}";
            parameter.Value = $"%{word}%";
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..].Replace('_', ' ');
}
