using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Engine.Tests;

/// <summary>Products keep every value the SELECT gives exactly: no 128-bit integer rounded through DOUBLE, no interval rounded.</summary>
public sealed class ExactProductTypesTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private readonly DuckDbProductWriter _writer = new(lake.Options);
    private static readonly QualifiedName Product = new("sales", "exact_values");

    private async Task<(SnapshotResult Result, string File)> WriteAsync(string select)
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(SessionGrant.Empty, select, [], Product), CancellationToken.None);
        return (result, Path.Combine(lake.PathOf(result.Location), "data.parquet").Replace('\\', '/'));
    }

    [Fact]
    public async Task WriteSnapshotAsync_SumOfBigints_KeepsEveryDigitAsDecimal38()
    {
        var (result, file) = await WriteAsync("SELECT sum(n) AS total FROM (VALUES (9007199254740993::BIGINT), (2::BIGINT)) AS t(n)");

        Assert.Equal([new ColumnSchema("total", "DECIMAL(38,0)")], result.Columns);
        Assert.Equal("9007199254740995", LakeFixture.ScalarUnsandboxed($"SELECT total::VARCHAR FROM read_parquet('{file}')"));
    }

    [Fact]
    public async Task WriteSnapshotAsync_WideIntegersInsideListsStructsAndMaps_AreExact()
    {
        var (result, file) = await WriteAsync("""
            SELECT 170141183460469231731687303715884105::HUGEINT AS h, 340282366920938463463374607431768211::UHUGEINT AS uh,
                   [9007199254740993::HUGEINT] AS list, {'v': 9007199254740993::HUGEINT, 'HUGEINT': 1} AS st,
                   MAP {'k': 9007199254740993::HUGEINT} AS m
            """);

        Assert.Equal(["DECIMAL(38,0)", "DECIMAL(38,0)", "DECIMAL(38,0)[]", "STRUCT(v DECIMAL(38,0), HUGEINT INTEGER)", "MAP(VARCHAR, DECIMAL(38,0))"],
            result.Columns.Select(c => c.Type));
        Assert.Equal("170141183460469231731687303715884105|340282366920938463463374607431768211|9007199254740993|9007199254740993|9007199254740993",
            LakeFixture.ScalarUnsandboxed($"SELECT concat_ws('|', h, uh, list[1], st.v, m['k']) FROM read_parquet('{file}')"));
    }

    [Fact]
    public async Task WriteSnapshotAsync_ExactTypes_AreKeptAsTheSelectGivesThem()
    {
        var (result, file) = await WriteAsync("""
            SELECT 18446744073709551615::UBIGINT AS ub, 123456789012.345::DECIMAL(18,3) AS d18,
                   sum(x) AS d38, TIMESTAMP_NS '2026-01-01 10:00:00.123456789' AS ns, INTERVAL '3 days 1.5 seconds' AS iv
            FROM (VALUES (1.25::DECIMAL(18,2))) AS t(x)
            """);

        Assert.Equal(["UBIGINT", "DECIMAL(18,3)", "DECIMAL(38,2)", "TIMESTAMP_NS", "INTERVAL"], result.Columns.Select(c => c.Type));
        Assert.Equal("18446744073709551615|123456789012.345|1.25|2026-01-01 10:00:00.123456789|3 days 00:00:01.5",
            LakeFixture.ScalarUnsandboxed($"SELECT concat_ws('|', ub, d18, d38, ns, iv) FROM read_parquet('{file}')"));
        var info = await ParquetInspector.InspectAsync(file);
        Assert.Equal(result.Columns, info.Columns);
    }

    [Fact]
    public async Task WriteSnapshotAsync_IntervalWithMicroseconds_FailsInsteadOfRounding()
    {
        var ex = await Assert.ThrowsAsync<SqlException>(() => WriteAsync("SELECT INTERVAL '1 second' + to_microseconds(1) AS pause"));

        Assert.Contains("Column pause holds an interval with a fraction of a millisecond", ex.Error.Message, StringComparison.Ordinal);
    }
}
