using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;
using MeshStudio.Engine.Query;

namespace MeshStudio.Engine.Tests;

public sealed class ProductWriterTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private readonly DuckDbProductWriter _writer = new(lake.Options);
    private static readonly QualifiedName Latest = new("sales", "latest_orders");

    [Fact]
    public async Task WriteSnapshotAsync_WithKey_KeepsLastRowPerKeyAndIsReadableByDuckDb()
    {
        const string select = """
            SELECT * FROM (VALUES ('NL', 1, 'first'), ('DE', 2, 'only'), ('NL', 3, 'second'), ('NL', 4, 'last')) AS t(country, seq, label)
            ORDER BY seq
            """;

        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty, select, ["country"], Latest), CancellationToken.None);

        Assert.Matches(@"^sales/products/latest_orders/snap-\d{17}-[0-9a-f]{8}/$", result.Location);
        Assert.Equal(2, result.RowCount);
        Assert.Equal(["country", "seq", "label"], result.Columns.Select(c => c.Name));
        Assert.Equal(["VARCHAR", "INTEGER", "VARCHAR"], result.Columns.Select(c => c.Type));

        var file = Path.Combine(lake.PathOf(result.Location), "data.parquet").Replace('\\', '/');
        Assert.Equal("last", LakeFixture.ScalarUnsandboxed($"SELECT label FROM read_parquet('{file}') WHERE country = 'NL'"));
        Assert.Equal(2L, Convert.ToInt64(LakeFixture.ScalarUnsandboxed($"SELECT count(*) FROM read_parquet('{file}')"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteSnapshotAsync_FromGrantedSource_IsReadableAsProductView()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(lake.SalesGrant,
            "SELECT country, sum(amount) AS revenue, max(ts) AS last_ts, count(*) AS orders FROM sales.orders GROUP BY ALL;",
            ["country"], Latest), CancellationToken.None);

        Assert.Equal(2, result.RowCount);
        Assert.Equal(["VARCHAR", "DOUBLE", "TIMESTAMP", "BIGINT"], result.Columns.Select(c => c.Type));

        var engine = new DuckDbQueryEngine(lake.Options);
        var grant = new SessionGrant([new ReadableRelation(Latest, RelationKind.Product, Location: result.Location)]);
        var rows = await QueryRunner.RowsAsync(engine, grant, "SELECT country, orders FROM sales.latest_orders ORDER BY country");
        Assert.Equal(["DE", "NL"], rows.Select(r => r[0]));
        Assert.Equal([1L, 2L], rows.Select(r => r[1]));
    }

    [Fact]
    public async Task WriteSnapshotAsync_WithoutKey_KeepsAllRows()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty, "SELECT 1 AS a UNION ALL SELECT 1", [], Latest), CancellationToken.None);
        Assert.Equal(2, result.RowCount);
    }

    [Fact]
    public async Task WriteSnapshotAsync_UnknownColumn_ThrowsPositionedErrorAndLeavesNoFolder()
    {
        var before = SnapshotFolders();

        var ex = await Assert.ThrowsAsync<SqlException>(() => _writer.WriteSnapshotAsync(ReplaceRequest.Of(lake.SalesGrant,
            "SELECT country,\n  amout\nFROM sales.orders", ["country"], Latest), CancellationToken.None));

        Assert.StartsWith("Binder Error", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Error.Line);
        Assert.Equal(3, ex.Error.Column);
        Assert.Equal(before, SnapshotFolders());
    }

    [Fact]
    public async Task WriteSnapshotAsync_NonSelect_IsRejected()
    {
        var ex = await Assert.ThrowsAsync<SqlException>(() => _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty,
            "COPY (SELECT 1) TO '/tmp/evil.csv'", [], Latest), CancellationToken.None));
        Assert.Contains("COPY statements are not allowed", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteSnapshotAsync_SelectReadingAnotherDomainsFiles_IsRefused()
    {
        var file = Path.Combine(lake.PathOf(lake.CampaignsLocation), "data.parquet").Replace('\\', '/');
        var ex = await Assert.ThrowsAsync<SqlException>(() => _writer.WriteSnapshotAsync(ReplaceRequest.Of(lake.SalesGrant,
            $"SELECT * FROM read_parquet('{file}')", [], Latest), CancellationToken.None));
        Assert.StartsWith("Permission Error", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteSnapshotAsync_Timeout_StopsAndCleansUp()
    {
        var writer = new DuckDbProductWriter(lake.WithLimits(new QueryLimits { Timeout = TimeSpan.FromMilliseconds(300) }));
        var before = SnapshotFolders();
        var ex = await Assert.ThrowsAsync<SqlException>(() => writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty,
            "SELECT count(*) AS n FROM range(10000000000)", [], Latest), CancellationToken.None));
        Assert.Contains("300 ms limit", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SnapshotFolders());
    }

    [Fact]
    public async Task Inspect_WrittenFile_MatchesDuckDbSchema()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty, """
            SELECT 1::BIGINT AS id, 2.5::DOUBLE AS d, 1.5::FLOAT AS f, true AS b, DATE '2026-01-01' AS day,
                   TIMESTAMP '2026-01-01 10:00:00' AS ts, 12.34::DECIMAL(10,2) AS price, 'x' AS s, 'ab'::BLOB AS raw
            """, [], Latest), CancellationToken.None);

        var info = await ParquetInspector.InspectAsync(Path.Combine(lake.PathOf(result.Location), "data.parquet"));

        Assert.Equal(1, info.RowCount);
        Assert.Equal(["BIGINT", "DOUBLE", "FLOAT", "BOOLEAN", "DATE", "TIMESTAMP", "DECIMAL(10,2)", "VARCHAR", "BLOB"], info.Columns.Select(c => c.Type));
        Assert.Equal(result.Columns, info.Columns);
    }

    private string[] SnapshotFolders()
    {
        var dir = lake.Layout.ProductDirectory(Latest);
        return Directory.Exists(dir) ? Directory.GetDirectories(dir).Order(StringComparer.Ordinal).ToArray() : [];
    }
}
