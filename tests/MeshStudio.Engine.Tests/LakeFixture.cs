using DuckDB.NET.Data;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Engine.Tests;

/// <summary>A temporary lake folder with a sales source, a sales product and a marketing product.</summary>
public sealed class LakeFixture : IDisposable
{
    public static readonly QualifiedName Orders = new("sales", "orders");
    public static readonly QualifiedName Revenue = new("sales", "revenue");
    public static readonly QualifiedName Campaigns = new("marketing", "campaigns");

    public static readonly IReadOnlyList<ColumnSchema> OrderColumns =
    [
        new("order_id", "VARCHAR"),
        new("ts", "TIMESTAMP"),
        new("country", "VARCHAR"),
        new("amount", "DOUBLE"),
    ];

    public LakeFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "meshstudio-engine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Options = new LakeOptions(Root);
        Layout = new LakeLayout(Options);

        var store = new FileEventStore(Options);
        store.AppendAsync(Orders,
        [
            """{"order_id":"o1","ts":"2026-03-01T00:00:00.668","country":"NL","amount":10.5}""",
            """{"order_id":"o2","ts":"2026-03-01T00:01:00","country":"DE","amount":20}""",
        ], CancellationToken.None).GetAwaiter().GetResult();
        store.AppendAsync(Orders,
        [
            """{"order_id":"o3","ts":"2026-03-01T00:02:00.5","country":"NL","amount":5.25}""",
        ], CancellationToken.None).GetAwaiter().GetResult();

        RevenueLocation = "sales/products/revenue/snap-20260301000000000-aaaaaaaa/";
        WriteParquet(RevenueLocation, "SELECT * FROM (VALUES ('NL', 15.75), ('DE', 20.0)) AS t(country, revenue)");
        CampaignsLocation = "marketing/products/campaigns/snap-20260301000000000-bbbbbbbb/";
        WriteParquet(CampaignsLocation, "SELECT 'secret' AS campaign, 42 AS budget");
    }

    public string Root { get; }

    public LakeOptions Options { get; }

    public LakeLayout Layout { get; }

    public string RevenueLocation { get; }

    public string CampaignsLocation { get; }

    public static ReadableRelation OrdersRelation => new(Orders, RelationKind.IngestedSource, OrderColumns);

    public ReadableRelation RevenueRelation => new(Revenue, RelationKind.Product, Location: RevenueLocation);

    /// <summary>Sales may read its orders and its revenue product; marketing's product is denied.</summary>
    public SessionGrant SalesGrant => new(
        [OrdersRelation, RevenueRelation],
        [new DeniedRelation(Campaigns, "Only the marketing domain may read its campaigns.")]);

    public string PathOf(string location) => Path.Combine(Root, location.Replace('/', Path.DirectorySeparatorChar));

    public LakeOptions WithLimits(QueryLimits limits, int maxSessions = 4) =>
        new(Root) { Limits = limits, Sessions = new Query.SessionSharing { MaxSessions = maxSessions } };

    /// <summary>Runs setup SQL on an ordinary (not sandboxed) DuckDB connection.</summary>
    public static void ExecuteUnsandboxed(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Reads a scalar on an ordinary DuckDB connection.</summary>
    public static object? ScalarUnsandboxed(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void WriteParquet(string location, string select)
    {
        var folder = PathOf(location);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "data.parquet").Replace('\\', '/');
        ExecuteUnsandboxed($"COPY ({select}) TO '{file}' (FORMAT parquet)");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
