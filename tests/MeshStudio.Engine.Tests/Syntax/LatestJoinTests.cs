using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public class LatestJoinTests
{
    private const string Latest =
        "(SELECT * EXCLUDE (__mesh_seq) FROM (SELECT *, row_number() OVER () AS __mesh_seq FROM crm.customers) QUALIFY row_number() OVER (PARTITION BY ";

    private static readonly DuckDbSqlParser Parser = new();

    /// <summary>The rewriter under test, on DuckDB's parser.</summary>
    private static class StreamingRewriter
    {
        public static StreamingRewrite Rewrite(string sql, Func<string, string?>? eventTimeOf = null) =>
            global::MeshStudio.Core.Dialect.StreamingRewriter.Rewrite(Parser, sql, eventTimeOf);
    }

    /// <summary>The join's relations under test, on DuckDB's parser.</summary>
    private static class LatestJoin
    {
        public static IReadOnlyList<string> Targets(string sql) => global::MeshStudio.Core.Dialect.LatestJoin.Targets(Parser, sql);
    }

    [Fact]
    public void Rewrite_JoinLatestWithAlias_JoinsLatestRowPerEquatedKeyInReadOrder()
    {
        const string sql = "SELECT o.order_id, c.tier FROM sales.orders o JOIN LATEST crm.customers c ON c.customer_id = o.customer_id";

        var rewrite = StreamingRewriter.Rewrite(sql);

        Assert.Equal("SELECT o.order_id, c.tier FROM sales.orders o JOIN " + Latest + "customer_id ORDER BY __mesh_seq DESC) = 1) c ON c.customer_id = o.customer_id",
            rewrite.Sql);
    }

    [Fact]
    public void Rewrite_EventTimeKnown_OrdersByEventTimeThenReadOrder()
    {
        var rewrite = StreamingRewriter.Rewrite("FROM sales.orders o LEFT JOIN LATEST crm.customers AS c ON o.customer_id = c.customer_id",
            name => name == "crm.customers" ? "updated_at" : null);

        Assert.Contains("LEFT JOIN " + Latest + "customer_id ORDER BY updated_at DESC NULLS LAST, __mesh_seq DESC) = 1) AS c ON o.customer_id", rewrite.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_NoAlias_AliasesSubqueryByRelationNameAndAcceptsItAsQualifier()
    {
        var rewrite = StreamingRewriter.Rewrite("FROM sales.orders JOIN LATEST crm.customers ON customers.customer_id = orders.customer_id");

        Assert.Contains("PARTITION BY customer_id ORDER BY", rewrite.Sql, StringComparison.Ordinal);
        Assert.EndsWith("= 1) AS customers ON customers.customer_id = orders.customer_id", rewrite.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SeveralEqualitiesAndUnqualifiedColumn_KeysOnEveryRightColumn()
    {
        var rewrite = StreamingRewriter.Rewrite(
            "FROM sales.orders o JOIN LATEST crm.customers c ON (c.region = o.region AND customer_id = o.customer_id) AND c.tier >= o.level AND o.x = 1");

        Assert.Contains("PARTITION BY region, customer_id ORDER BY", rewrite.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_NoEqualityOnRightRelation_ThrowsAtOn()
    {
        const string sql = "SELECT *\nFROM sales.orders o JOIN LATEST crm.customers c ON o.a = o.b AND c.since <= o.ts";

        var ex = Assert.Throws<SqlException>(() => StreamingRewriter.Rewrite(sql));

        Assert.Contains("JOIN LATEST needs an equality on the key of crm.customers", ex.Message, StringComparison.Ordinal);
        Assert.Equal((2, sql.Split('\n')[1].IndexOf("ON", StringComparison.Ordinal) + 1), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void Rewrite_MissingOn_ThrowsAtWhatFollows()
    {
        const string sql = "FROM sales.orders o JOIN LATEST crm.customers c WHERE true";

        var ex = Assert.Throws<SqlException>(() => StreamingRewriter.Rewrite(sql));

        Assert.Contains("needs an ON condition", ex.Message, StringComparison.Ordinal);
        Assert.Equal(sql.IndexOf("WHERE", StringComparison.Ordinal) + 1, ex.Error.Column);
    }

    [Fact]
    public void Rewrite_LatestInStringsCommentsAndAsColumn_IsUntouched()
    {
        const string sql = "SELECT 'JOIN LATEST crm.customers c ON c.id = o.id' AS s, latest FROM t -- JOIN LATEST x ON x.a = t.a\n/* JOIN LATEST y */";

        var rewrite = StreamingRewriter.Rewrite(sql);

        Assert.False(rewrite.Changed);
        Assert.Same(sql, rewrite.Sql);
    }

    [Fact]
    public void MapOffset_AfterLatestJoin_MapsBackToUserText()
    {
        const string sql = "SELECT * FROM sales.orders o JOIN LATEST crm.customers c ON c.customer_id = o.customer_id WHERE bogus > 1";

        var rewrite = StreamingRewriter.Rewrite(sql);

        Assert.Equal(sql.IndexOf("bogus", StringComparison.Ordinal), rewrite.MapOffset(rewrite.Sql.IndexOf("bogus", StringComparison.Ordinal)));
        Assert.Equal(sql.IndexOf("LATEST", StringComparison.Ordinal), rewrite.MapOffset(rewrite.Sql.IndexOf("__mesh_seq", StringComparison.Ordinal)));
    }

    [Fact]
    public void Rewrite_LatestJoinAndWindow_RewritesBoth()
    {
        var rewrite = StreamingRewriter.Rewrite(
            "SELECT * FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute') o JOIN LATEST crm.customers c ON c.customer_id = o.customer_id");

        Assert.DoesNotContain("TUMBLE", rewrite.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LATEST", rewrite.Sql, StringComparison.Ordinal);
        Assert.Equal(2, rewrite.Spans.Count);
    }

    [Fact]
    public void Targets_JoinLatestRelations_AreListedOnce()
    {
        var targets = LatestJoin.Targets("FROM a.b x JOIN LATEST crm.customers c ON c.id = x.id JOIN LATEST crm.customers d ON d.id = x.id");

        Assert.Equal(["crm.customers"], targets);
    }
}
