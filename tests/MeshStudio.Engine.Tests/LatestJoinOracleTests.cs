using System.Globalization;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Query;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests;

/// <summary>
/// Runs <c>JOIN LATEST</c>, rewritten by <see cref="StreamingRewriter"/>, on real DuckDB: orders joined to a customers
/// source with several versions per customer, ingested out of event-time order, against the same join computed in C#.
/// </summary>
public sealed class LatestJoinOracleTests : IDisposable
{
    private static readonly QualifiedName Orders = new("sales", "orders");
    private static readonly QualifiedName Customers = new("crm", "customers");

    private static readonly DuckDbSqlParser Parser = new();

    /// <summary>The rewriter under test, on DuckDB's parser.</summary>
    private static class StreamingRewriter
    {
        public static StreamingRewrite Rewrite(string sql, Func<string, string?>? eventTimeOf = null) =>
            global::MeshStudio.Core.Dialect.StreamingRewriter.Rewrite(Parser, sql, eventTimeOf);
    }
    private readonly string _root = Path.Combine(Path.GetTempPath(), "meshstudio-latest-tests", Guid.NewGuid().ToString("N"));
    private readonly DuckDbQueryEngine _engine;
    private readonly SessionGrant _grant;
    private readonly List<Customer> _customers = [];
    private readonly List<Order> _orders = [];

    private sealed record Customer(string Id, DateTime UpdatedAt, string Tier, int Version);

    private sealed record Order(string Id, string CustomerId, long Amount);

    public LatestJoinOracleTests()
    {
        Directory.CreateDirectory(_root);
        var options = new LakeOptions(_root);
        _engine = new DuckDbQueryEngine(options);
        _grant = new SessionGrant(
        [
            new ReadableRelation(Orders, RelationKind.IngestedSource, [new("order_id", "VARCHAR"), new("customer_id", "VARCHAR"), new("amount", "BIGINT")]),
            new ReadableRelation(Customers, RelationKind.IngestedSource,
                [new("customer_id", "VARCHAR"), new("updated_at", "TIMESTAMP"), new("tier", "VARCHAR"), new("version", "INTEGER")]),
        ]);
        var random = new Random(20261125);
        var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        for (var c = 0; c < 40; c++)
        {
            var versions = random.Next(1, 6);
            var offsets = Enumerable.Range(0, 10_000).OrderBy(_ => random.Next()).Take(versions).ToList();
            for (var v = 0; v < versions; v++)
                _customers.Add(new Customer($"c{c:00}", start.AddSeconds(offsets[v]), $"tier-{c}-{v}", v));
        }
        // customers c40..c44 have orders but no row: kept by LEFT JOIN LATEST with NULLs, dropped by JOIN LATEST
        for (var o = 0; o < 300; o++)
            _orders.Add(new Order($"o{o:000}", $"c{random.Next(0, 45):00}", random.Next(1, 100)));

        var store = new FileEventStore(options);
        foreach (var batch in _customers.OrderBy(_ => random.Next()).Chunk(23))
        {
            store.AppendAsync(Customers, batch.Select(c => string.Create(CultureInfo.InvariantCulture,
                    $$"""{"customer_id":"{{c.Id}}","updated_at":"{{c.UpdatedAt:yyyy-MM-dd'T'HH:mm:ss}}","tier":"{{c.Tier}}","version":{{c.Version}}}""")).ToList(),
                CancellationToken.None).GetAwaiter().GetResult();
        }
        foreach (var batch in _orders.Chunk(61))
        {
            store.AppendAsync(Orders, batch.Select(o => string.Create(CultureInfo.InvariantCulture,
                    $$"""{"order_id":"{{o.Id}}","customer_id":"{{o.CustomerId}}","amount":{{o.Amount}}}""")).ToList(),
                CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private static string? EventTime(string relation) => relation == "crm.customers" ? "updated_at" : null;

    private Dictionary<string, Customer> LatestPerCustomer() =>
        _customers.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.MaxBy(c => c.UpdatedAt)!);

    [Fact]
    public async Task LeftJoinLatest_CustomersWithOutOfOrderVersions_MatchesLatestVersionPerCustomer()
    {
        var latest = LatestPerCustomer();
        var expected = _orders.OrderBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => $"{o.Id} {o.CustomerId} {(latest.TryGetValue(o.CustomerId, out var c) ? c.Tier : "-")}").ToList();

        var rows = await QueryRunner.RowsAsync(_engine, _grant, StreamingRewriter.Rewrite("""
            SELECT o.order_id, o.customer_id, coalesce(c.tier, '-')
            FROM sales.orders o
            LEFT JOIN LATEST crm.customers AS c ON c.customer_id = o.customer_id
            ORDER BY o.order_id
            """, EventTime).Sql);

        Assert.Contains(_customers.GroupBy(c => c.Id), g => g.Count() > 2);
        Assert.Equal(expected, rows.Select(r => $"{r[0]} {r[1]} {r[2]}"));
    }

    [Fact]
    public async Task JoinLatest_RevenuePerTier_MatchesOracleAndDropsOrdersWithoutCustomer()
    {
        var latest = LatestPerCustomer();
        var expected = _orders.Where(o => latest.ContainsKey(o.CustomerId))
            .GroupBy(o => latest[o.CustomerId].Version)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()} {g.Sum(o => o.Amount)}").ToList();

        var rows = await QueryRunner.RowsAsync(_engine, _grant, StreamingRewriter.Rewrite("""
            SELECT version, count(*), sum(amount)
            FROM sales.orders JOIN LATEST crm.customers ON customers.customer_id = orders.customer_id
            GROUP BY ALL ORDER BY 1
            """, EventTime).Sql);

        Assert.Equal(expected, rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]} {r[1]} {r[2]}")));
    }

    [Fact]
    public async Task JoinLatest_UnknownColumnInOn_IsReportedInUserText()
    {
        const string sql = "SELECT *\nFROM sales.orders o JOIN LATEST crm.customers c ON c.customer_id = o.customer_id AND c.bogus = 1";
        var rewrite = StreamingRewriter.Rewrite(sql, EventTime);

        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.RowsAsync(_engine, _grant, rewrite.Sql));
        var error = rewrite.MapError(ex.Error);

        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
