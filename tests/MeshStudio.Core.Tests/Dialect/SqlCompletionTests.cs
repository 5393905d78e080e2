using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Dialect;

public class SqlCompletionTests
{
    private static readonly SchemaEntry[] Schema =
    [
        new(new QualifiedName("sales", "orders"), "source", [new("order_id", "VARCHAR"), new("amount", "DOUBLE")]),
        new(new QualifiedName("sales", "revenue_by_country"), "product", [new("country", "VARCHAR"), new("revenue", "DOUBLE")]),
        new(new QualifiedName("marketing", "campaign_performance"), "product", [new("campaign_id", "VARCHAR")]),
    ];

    [Fact]
    public void Complete_AfterDomainDot_ListsThatDomainsRelations()
    {
        var items = SqlCompletion.Complete("SELECT * FROM sales.", 20, Schema);

        Assert.Equal(["orders", "revenue_by_country"], items.Select(i => i.Label));
    }

    [Fact]
    public void Complete_AfterAliasDot_ListsColumnsOfAliasedRelation()
    {
        const string sql = "SELECT o. FROM sales.orders AS o";
        var items = SqlCompletion.Complete(sql, sql.IndexOf(' ', 7), Schema).ToList();
        Assert.Equal(["order_id", "amount"], items.Select(i => i.Label));
        Assert.Equal("DOUBLE · sales.orders", items[1].Detail);
    }

    [Fact]
    public void Complete_Anywhere_OffersDomainsRelationsColumnsOfNamedRelationsKeywordsAndFunctions()
    {
        var labels = SqlCompletion.Complete("SELECT * FROM sales.revenue_by_country WHERE ", 45, Schema).Select(i => i.Label).ToList();

        Assert.Contains("marketing", labels);
        Assert.Contains("marketing.campaign_performance", labels);
        Assert.Contains("revenue", labels);
        Assert.DoesNotContain("campaign_id", labels);
        Assert.Contains("GROUP BY", labels);
        Assert.Contains("date_trunc", labels);
    }
}
