using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public sealed class QueryRelationsTests
{
    private static readonly DuckDbSqlParser Parser = new();

    private static List<string> Names(string sql) => QueryRelations.Of(Parser.Parse(sql).Query!).Select(r => r.Name).ToList();

    [Fact]
    public void Of_NamesInStringsAndComments_AreNotRelations()
    {
        var names = Names("""
            SELECT 'sales.orders' AS s, "crm.customers" -- FROM sales.returns
            /* JOIN marketing.campaigns */
            FROM sales.revenue
            """);

        Assert.Equal(["sales.revenue"], names);
    }

    [Fact]
    public void Of_QuotedIdentifiers_AreUnquotedAndKeepTheirCase()
    {
        var names = Names("""SELECT * FROM "sales"."Order Lines" l JOIN sales."orders" o ON o.id = l.order_id""");

        Assert.Equal(["sales.Order Lines", "sales.orders"], names);
    }

    [Fact]
    public void Of_CteNames_AreNotRelationsButWhatTheyReadIs()
    {
        var names = Names("""
            WITH recent AS (SELECT * FROM sales.orders), big AS (SELECT * FROM recent WHERE amount > 100)
            SELECT * FROM big b JOIN crm.customers c ON c.customer_id = b.customer_id
            """);

        Assert.Equal(["sales.orders", "crm.customers"], names);
    }

    [Fact]
    public void Of_NestedSubqueries_AreReadAtEveryDepth()
    {
        var names = Names("""
            SELECT * FROM (SELECT * FROM (SELECT order_id FROM sales.orders) a
                           WHERE order_id IN (SELECT order_id FROM sales.returns)) b
            WHERE EXISTS (SELECT 1 FROM crm.customers) AND b.order_id <> (SELECT max(order_id) FROM sales.archive)
            """);

        Assert.Equal(["sales.orders", "sales.returns", "crm.customers", "sales.archive"], names);
    }

    [Fact]
    public void Of_DialectExtensions_SayHowEachRelationIsRead()
    {
        var reads = QueryRelations.Of(Parser.Parse("""
            SELECT * FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute') AS t
            LEFT JOIN LATEST crm.customers AS c ON c.customer_id = t.customer_id
            JOIN SNAPSHOT(sales.revenue, 2) AS before ON before.country = t.country
            """).Query!);

        Assert.Equal(
            [("sales.orders", RelationReadKind.WindowSource, "t"), ("crm.customers", RelationReadKind.Latest, "c"), ("sales.revenue", RelationReadKind.Snapshot, "before")],
            reads.Select(r => (r.Name, r.Kind, r.Alias)));
    }
}
