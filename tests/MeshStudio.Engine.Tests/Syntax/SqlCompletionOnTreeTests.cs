using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public sealed class SqlCompletionOnTreeTests
{
    private static readonly DuckDbSqlParser Parser = new();

    private static readonly SchemaEntry[] Schema =
    [
        new(new QualifiedName("sales", "orders"), "source", [new("order_id", "VARCHAR"), new("amount", "DOUBLE")]),
        new(new QualifiedName("sales", "revenue_by_country"), "product", [new("country", "VARCHAR"), new("revenue", "DOUBLE")]),
    ];

    private static List<string> Labels(string text, string before) =>
        SqlCompletion.Complete(text, text.IndexOf(before, StringComparison.Ordinal) + before.Length, Schema, Parser).Select(i => i.Label).ToList();

    [Fact]
    public void Complete_AfterAliasDot_UsesTheAliasOfTheTreeNotOneInAStringOrComment()
    {
        const string sql = """
            SELECT 'sales.revenue_by_country x' AS note, x. -- sales.revenue_by_country x
            FROM "sales"."orders" AS x
            """;

        Assert.Equal(["order_id", "amount"], Labels(sql, "x."));
    }

    [Fact]
    public void Complete_InAJob_OffersTheColumnsOfTheRelationsItsSelectReads()
    {
        const string script = """
            CREATE JOB sales.j AS INSERT INTO sales.p
            SELECT o.
            FROM sales.orders o /* not sales.revenue_by_country */
            """;

        Assert.Equal(["order_id", "amount"], Labels(script, "o."));
        Assert.DoesNotContain("revenue", Labels(script, "FROM "));
    }
}
