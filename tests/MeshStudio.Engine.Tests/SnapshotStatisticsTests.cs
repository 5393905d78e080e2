using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Engine.Tests;

/// <summary>Column statistics come from the footers of the snapshot files the product writer wrote.</summary>
public sealed class SnapshotStatisticsTests : IDisposable
{
    private static readonly QualifiedName Product = new("sales", "order_stats");
    private readonly LakeFixture _lake = new();
    private readonly DuckDbProductWriter _writer;
    private readonly SnapshotStatistics _statistics;

    public SnapshotStatisticsTests()
    {
        _writer = new DuckDbProductWriter(_lake.Options);
        _statistics = new SnapshotStatistics(_lake.Layout);
    }

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ReadAsync_Snapshot_HasRowsNullsMinAndMaxPerColumn()
    {
        const string select = """
            SELECT * FROM (VALUES
                ('NL', 12.5::DECIMAL(10,2), TIMESTAMP '2026-03-01 10:00:00', 7, -1.125::DECIMAL(18,3), 5::HUGEINT, 12345678901234567890.12::DECIMAL(38,2)),
                ('DE', NULL, TIMESTAMP '2026-03-02 11:30:00', -3, 2.5::DECIMAL(18,3), 9::HUGEINT, -0.5::DECIMAL(38,2)),
                ('BE', 99.99::DECIMAL(10,2), NULL, NULL, NULL, NULL, NULL)
            ) AS t(country, amount, ordered_at, quantity, delta, total, big)
            """;
        var snapshot = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty, select, [], Product), CancellationToken.None);

        var columns = await _statistics.ReadAsync(snapshot.Location, CancellationToken.None);

        Assert.NotNull(columns);
        Assert.Equal(["country", "amount", "ordered_at", "quantity", "delta", "total", "big"], columns.Select(c => c.Name));
        Assert.All(columns, c => Assert.Equal(3, c.RowCount));
        Assert.Equal(new ColumnStatistics("country", 3, 0, "BE", "NL"), columns[0]);
        Assert.Equal(new ColumnStatistics("amount", 3, 1, 12.50m, 99.99m), columns[1]);
        Assert.Equal(new ColumnStatistics("ordered_at", 3, 1, new DateTime(2026, 3, 1, 10, 0, 0), new DateTime(2026, 3, 2, 11, 30, 0)), columns[2]);
        Assert.Equal(new ColumnStatistics("quantity", 3, 1, -3, 7), columns[3]);
        Assert.Equal(new ColumnStatistics("delta", 3, 1, -1.125m, 2.5m), columns[4]);
        Assert.Equal(new ColumnStatistics("total", 3, 1, 5m, 9m), columns[5]); // HUGEINT is stored as DECIMAL(38,0)
        Assert.Equal(new ColumnStatistics("big", 3, 1, -0.5m, 12345678901234567890.12m), columns[6]);
    }

    [Fact]
    public async Task ReadAsync_AppendedSnapshotOfSeveralFiles_FoldsEveryFile()
    {
        var first = await _writer.WriteSnapshotAsync(
            ReplaceRequest.Of(SessionGrant.Empty, "SELECT * FROM (VALUES (5), (8)) AS t(n)", [], Product), CancellationToken.None);
        var second = await _writer.WriteSnapshotAsync(
            new SnapshotRequest(SessionGrant.Empty, "SELECT * FROM (VALUES (1), (NULL), (20)) AS t(n)", [], Product, [],
                new SnapshotPlan(SnapshotMode.Append, first.Location), []), CancellationToken.None);

        var column = Assert.Single((await _statistics.ReadAsync(second.Location, CancellationToken.None))!);

        Assert.Equal(new ColumnStatistics("n", 5, 1, 1, 20), column);
    }

    [Fact]
    public async Task ReadFootersAsync_WideDecimalsUnsignedAndPartitions_AreExactTextAndListed()
    {
        const string select = """
            SELECT * FROM (VALUES
                ('NL', 18446744073709551615::UBIGINT, 123456789012345678901234567890.12::DECIMAL(38,2)),
                ('DE', 3::UBIGINT, -99999999999999999999999999999999.99::DECIMAL(38,2)),
                ('DE', 7::UBIGINT, 1.5::DECIMAL(38,2))
            ) AS t(country, hits, big)
            """;
        var snapshot = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty, select, [], Product) with { PartitionBy = ["country"] },
            CancellationToken.None);

        var footers = await _statistics.ReadFootersAsync(snapshot.Location, CancellationToken.None);

        Assert.NotNull(footers);
        Assert.Equal((3L, 2), (footers.RowCount, footers.Files));
        Assert.True(footers.RowGroups >= footers.Files);
        Assert.Equal([new PartitionColumn("country", 2)], footers.Partitions);
        Assert.Equal(["hits", "big"], footers.Columns.Select(c => c.Name));
        Assert.Equal(("3", "18446744073709551615"), (footers.Columns[0].Min, footers.Columns[0].Max));
        Assert.Equal(("-99999999999999999999999999999999.99", "123456789012345678901234567890.12"), (footers.Columns[1].Min, footers.Columns[1].Max));
    }

    [Fact]
    public async Task ReadAsync_UnknownLocation_IsNull()
    {
        Assert.Null(await _statistics.ReadAsync("sales/products/order_stats/snap-20260301000000000-00000000/", CancellationToken.None));
    }
}
