using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public class StreamingRewriterTests
{
    private const long Minute = 60_000_000;

    private static readonly DuckDbSqlParser Parser = new();

    /// <summary>The rewriter under test, on DuckDB's parser.</summary>
    private static class StreamingRewriter
    {
        public static StreamingRewrite Rewrite(string sql, Func<string, string?>? eventTimeOf = null) =>
            global::MeshStudio.Core.Dialect.StreamingRewriter.Rewrite(Parser, sql, eventTimeOf);
    }

    [Fact]
    public void Rewrite_NoWindowCall_ReturnsSqlUnchanged()
    {
        const string sql = "SELECT session, hop FROM sales.orders";

        var rewrite = StreamingRewriter.Rewrite(sql);

        Assert.False(rewrite.Changed);
        Assert.Same(sql, rewrite.Sql);
        Assert.Equal(7, rewrite.MapOffset(7));
    }

    [Fact]
    public void Rewrite_Tumble_ReplacesCallWithEpochAlignedSubqueryAndKeepsAlias()
    {
        const string sql = "SELECT window_start, count(*) FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute') AS t GROUP BY ALL";

        var rewrite = StreamingRewriter.Rewrite(sql);

        Assert.StartsWith("SELECT window_start, count(*) FROM (SELECT *, window_start + to_microseconds(60000000) AS window_end", rewrite.Sql, StringComparison.Ordinal);
        Assert.Contains($"ts - to_microseconds(((epoch_us(ts) % {Minute}) + {Minute}) % {Minute}) AS window_start", rewrite.Sql, StringComparison.Ordinal);
        Assert.Contains("FROM sales.orders AS __mesh_src WHERE ts IS NOT NULL)) AS t GROUP BY ALL", rewrite.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("TUMBLE", rewrite.Sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Rewrite_Hop_CrossJoinsSizeOverSlideWindowStarts()
    {
        var rewrite = StreamingRewriter.Rewrite("FROM hop(sales.orders, ts, INTERVAL 1 MINUTE, INTERVAL '5' MINUTE)");

        Assert.Contains("CROSS JOIN range(5) AS __mesh_hop(__mesh_k)", rewrite.Sql, StringComparison.Ordinal);
        Assert.Contains($"+ __mesh_k * {Minute}) AS window_start", rewrite.Sql, StringComparison.Ordinal);
        Assert.Contains($"window_start + to_microseconds({5 * Minute}) AS window_end", rewrite.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SessionWithKey_PartitionsByKey()
    {
        var rewrite = StreamingRewriter.Rewrite("SELECT * FROM SESSION(sales.orders, ts, INTERVAL '30 minutes', user_id) s");

        Assert.Contains("lag(ts) OVER (PARTITION BY user_id ORDER BY ts)) < 1800000000 THEN 0 ELSE 1", rewrite.Sql, StringComparison.Ordinal);
        Assert.Contains("min(ts) OVER (PARTITION BY user_id, __mesh_session) AS window_start", rewrite.Sql, StringComparison.Ordinal);
        Assert.EndsWith(") s", rewrite.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SessionWithoutKey_IsGlobal()
    {
        var rewrite = StreamingRewriter.Rewrite("SELECT * FROM SESSION(sales.orders, ts, INTERVAL '1 hour 30 minutes')");

        Assert.Contains("lag(ts) OVER (ORDER BY ts)) < 5400000000", rewrite.Sql, StringComparison.Ordinal);
        Assert.Contains("OVER (PARTITION BY __mesh_session)", rewrite.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_CallsInStringsCommentsAndQuotedIdentifiers_AreUntouched()
    {
        const string sql = "SELECT 'TUMBLE(a, b, c)' AS s, \"HOP\"(1) -- SESSION(x, y, z)\n/* TUMBLE(sales.orders, ts, INTERVAL '1 minute') */ FROM t";

        var rewrite = StreamingRewriter.Rewrite(sql);

        Assert.False(rewrite.Changed);
        Assert.Equal(sql, rewrite.Sql);
    }

    [Fact]
    public void Rewrite_SubquerySourceWithNestedWindow_RewritesBoth()
    {
        var rewrite = StreamingRewriter.Rewrite(
            "SELECT * FROM TUMBLE((SELECT window_end AS t2 FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute')), t2, INTERVAL '1 hour')");

        Assert.Single(rewrite.Spans);
        Assert.DoesNotContain("TUMBLE", rewrite.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("FROM (SELECT window_end AS t2 FROM (SELECT *", rewrite.Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM TUMBLE(sales.orders, ts)", "TUMBLE takes 3 arguments", ")")]
    [InlineData("SELECT * FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute', x)", "at most 3 arguments", "x)")]
    [InlineData("SELECT * FROM TUMBLE(sales.orders, ts, 60)", "window size must be an interval", "60)")]
    [InlineData("SELECT * FROM TUMBLE(sales.orders, ts, INTERVAL '1 month')", "fixed length", "INTERVAL '1 month'")]
    [InlineData("SELECT * FROM TUMBLE(sales.orders, ts, INTERVAL '1 fortnight')", "Unknown interval unit", "INTERVAL '1 fortnight'")]
    [InlineData("SELECT * FROM HOP(sales.orders, ts, INTERVAL '2 minutes', INTERVAL '5 minutes')", "must be a multiple of the slide (2 minutes)", "INTERVAL '5 minutes'")]
    [InlineData("SELECT * FROM HOP(sales.orders, ts, INTERVAL '1 minute')", "HOP takes 4 arguments", ")")]
    [InlineData("SELECT * FROM SESSION(sales.orders, ts + 1, INTERVAL '1 minute')", "time column as a column name", "ts + 1")]
    [InlineData("SELECT * FROM SESSION(1 + 2, ts, INTERVAL '1 minute')", "must be a relation", "1 + 2")]
    [InlineData("SELECT * FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute'", "missing its closing parenthesis", "TUMBLE(")]
    public void Rewrite_BadCall_ThrowsAtArgumentPosition(string sql, string message, string at)
    {
        var ex = Assert.Throws<SqlException>(() => StreamingRewriter.Rewrite(sql));

        Assert.Contains(message, ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Error.Line);
        Assert.Equal(sql.LastIndexOf(at, StringComparison.Ordinal) + 1, ex.Error.Column);
    }

    [Fact]
    public void Rewrite_BadCallOnLaterLine_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<SqlException>(() => StreamingRewriter.Rewrite("SELECT *\nFROM HOP(sales.orders, ts,\n  INTERVAL '1 minute', 'soon')"));

        Assert.Equal((3, 24), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void Rewrite_ErrorInNestedSubquery_IsPositionedInWholeText()
    {
        const string sql = "SELECT * FROM TUMBLE((SELECT * FROM HOP(sales.orders, ts, INTERVAL '1 minute', 5)), ts, INTERVAL '1 hour')";

        var ex = Assert.Throws<SqlException>(() => StreamingRewriter.Rewrite(sql));

        Assert.Equal(sql.IndexOf("5)", StringComparison.Ordinal) + 1, ex.Error.Column);
    }

    [Fact]
    public void MapOffset_BeforeInsideAndAfterSpan_MapsToUserText()
    {
        const string sql = "SELECT x FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute') AS t WHERE y > 1";
        var rewrite = StreamingRewriter.Rewrite(sql);
        var span = Assert.Single(rewrite.Spans);

        Assert.Equal(7, rewrite.MapOffset(7));
        Assert.Equal(sql.IndexOf("TUMBLE", StringComparison.Ordinal), rewrite.MapOffset(span.RewrittenStart + 10));
        Assert.Equal(sql.IndexOf("y >", StringComparison.Ordinal), rewrite.MapOffset(rewrite.Sql.IndexOf("y >", StringComparison.Ordinal)));
    }

    [Fact]
    public void MapError_ErrorAfterCallOnLaterLine_MapsLineAndColumn()
    {
        const string sql = "SELECT x\nFROM TUMBLE(sales.orders, ts, INTERVAL '1 minute') AS t WHERE bogus > 1\nAND z = 2";
        var rewrite = StreamingRewriter.Rewrite(sql);
        var inRewritten = SqlError.At("Binder Error: bogus", rewrite.Sql, rewrite.Sql.IndexOf("bogus", StringComparison.Ordinal));
        var onLine3 = SqlError.At("Binder Error: z", rewrite.Sql, rewrite.Sql.IndexOf("z =", StringComparison.Ordinal));

        var mapped = rewrite.MapError(inRewritten);
        var mapped3 = rewrite.MapError(onLine3);

        Assert.Equal(SqlError.At("Binder Error: bogus", sql, sql.IndexOf("bogus", StringComparison.Ordinal)), mapped);
        Assert.Equal((3, 5), (mapped3.Line!.Value, mapped3.Column!.Value));
    }

    [Fact]
    public void MapError_ErrorInsideRewrittenCall_MapsToCallStart()
    {
        const string sql = "SELECT x\nFROM   TUMBLE(sales.orders, tss, INTERVAL '1 minute')";
        var rewrite = StreamingRewriter.Rewrite(sql);
        var error = SqlError.At("Binder Error: tss", rewrite.Sql, rewrite.Sql.IndexOf("tss", StringComparison.Ordinal));

        var mapped = rewrite.MapError(error);

        Assert.Equal((2, 8), (mapped.Line!.Value, mapped.Column!.Value));
        Assert.Equal(new SqlError("no position"), rewrite.MapError(new SqlError("no position")));
    }
}
