using MeshStudio.Core.Execution;
using MeshStudio.Engine.Query;

namespace MeshStudio.Engine.Tests;

public sealed class QueryEngineStreamingTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private readonly DuckDbQueryEngine _engine = new(lake.Options);

    [Fact]
    public async Task StreamAsync_RangeOf25WithBatch10_YieldsThreeBatchesWithColumnsFirst()
    {
        var batches = await QueryRunner.CollectAsync(_engine, SessionGrant.Empty, "SELECT range AS n, 'x' || range AS s FROM range(25)", 10);

        Assert.Equal([10, 10, 5], batches.Select(b => b.Rows.Count));
        Assert.Equal([10L, 20L, 25L], batches.Select(b => b.RowsSoFar));
        Assert.Equal([new ResultColumn("n", "BIGINT"), new ResultColumn("s", "VARCHAR")], batches[0].Columns);
        Assert.All(batches.Skip(1), b => Assert.Null(b.Columns));
        Assert.Equal(24L, batches[2].Rows[^1][0]);
    }

    [Fact]
    public async Task StreamAsync_ExactMultipleOfBatchSize_HasNoEmptyTrailingBatch()
    {
        var batches = await QueryRunner.CollectAsync(_engine, SessionGrant.Empty, "FROM range(20)", 10);
        Assert.Equal([10, 10], batches.Select(b => b.Rows.Count));
    }

    [Fact]
    public async Task StreamAsync_ZeroRows_YieldsOneBatchWithColumns()
    {
        var batches = await QueryRunner.CollectAsync(_engine, lake.SalesGrant, "SELECT order_id, amount FROM sales.orders WHERE false", 10);

        var batch = Assert.Single(batches);
        Assert.Empty(batch.Rows);
        Assert.Equal(0, batch.RowsSoFar);
        Assert.Equal(["order_id", "amount"], batch.Columns!.Select(c => c.Name));
        Assert.Equal(["VARCHAR", "DOUBLE"], batch.Columns!.Select(c => c.Type));
    }

    [Fact]
    public async Task StreamAsync_GrantedSourceAndProduct_JoinsThem()
    {
        var rows = await QueryRunner.RowsAsync(_engine, lake.SalesGrant, """
            SELECT o.country, count(*) AS orders, any_value(r.revenue) AS revenue
            FROM sales.orders o JOIN sales.revenue r USING (country)
            GROUP BY ALL ORDER BY o.country
            """);

        Assert.Equal(2, rows.Count);
        Assert.Equal("DE", rows[0][0]);
        Assert.Equal("NL", rows[1][0]);
        Assert.Equal(2L, rows[1][1]);
    }

    [Fact]
    public async Task StreamAsync_VariousTypes_AreJsonFriendly()
    {
        var rows = await QueryRunner.RowsAsync(_engine, SessionGrant.Empty, """
            SELECT TIMESTAMP '2026-03-01 10:11:12.5' AS ts, DATE '2026-03-01' AS d, TIME '10:11:12' AS t,
                   '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'::UUID AS u, 170141183460469231731687303715884105727::HUGEINT AS h,
                   3.25::DECIMAL(10,2) AS dec, [1, 2] AS l, {'a': 1, 'b': 'x'} AS st, 'ab'::BLOB AS b, NULL AS n, true AS flag
            """);

        var row = Assert.Single(rows);
        Assert.Equal("2026-03-01T10:11:12.5", row[0]);
        Assert.Equal("2026-03-01", row[1]);
        Assert.Equal("10:11:12", row[2]);
        Assert.Equal("6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", row[3]);
        Assert.Equal("170141183460469231731687303715884105727", row[4]);
        Assert.Equal(3.25m, row[5]);
        Assert.Equal("[1,2]", row[6]);
        Assert.Equal("""{"a":1,"b":"x"}""", row[7]);
        Assert.Equal(Convert.ToBase64String("ab"u8.ToArray()), row[8]);
        Assert.Null(row[9]);
        Assert.Equal(true, row[10]);
    }

    [Theory]
    [InlineData("WITH x AS (SELECT 1 AS a) SELECT * FROM x")]
    [InlineData("FROM sales.orders")]
    [InlineData("VALUES (1), (2)")]
    [InlineData("DESCRIBE sales.orders")]
    [InlineData("SUMMARIZE sales.orders")]
    [InlineData("SHOW TABLES")]
    [InlineData("EXPLAIN SELECT * FROM sales.orders")]
    [InlineData("SELECT 1;")]
    [InlineData("-- a comment\nSELECT 1 /* trailing */")]
    public async Task StreamAsync_ReadOnlyStatements_AreAllowed(string sql)
    {
        var batches = await QueryRunner.CollectAsync(_engine, lake.SalesGrant, sql);
        Assert.NotNull(batches[0].Columns);
    }

    [Fact]
    public async Task StreamAsync_AfterCompletion_DisposesSession()
    {
        await QueryRunner.CollectAsync(_engine, lake.SalesGrant, "SELECT * FROM sales.orders");
        Assert.Equal(0, _engine.ActiveSessions);
    }

    [Fact]
    public async Task StreamAsync_ConsumerStopsEarly_DisposesSession()
    {
        await foreach (var batch in _engine.StreamAsync(SessionGrant.Empty, "FROM range(1000000)", 100, CancellationToken.None))
        {
            Assert.Equal(100, batch.Rows.Count);
            break;
        }
        Assert.Equal(0, _engine.ActiveSessions);
    }

    [Fact]
    public async Task StreamAsync_WideRows_EndBatchesAtTheByteLimit()
    {
        var batches = await QueryRunner.CollectAsync(_engine, SessionGrant.Empty, "SELECT repeat('y', 100000) AS y FROM range(100)", 1000);

        Assert.Equal(100, batches.Sum(b => b.Rows.Count));
        Assert.All(batches, b => Assert.InRange(b.Rows.Count * 100_000L, 0, new QueryLimits().MaxBatchBytes + 100_000L));
    }
}
