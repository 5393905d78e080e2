using MeshStudio.Application.Search;

namespace MeshStudio.Application.Tests.Search;

/// <summary>The right product comes first for a name, a column, a tag and a typo, in a catalog with overlapping words.</summary>
public sealed class SearchRelevanceTests(RealisticCatalog catalog) : IClassFixture<RealisticCatalog>
{
    [Theory]
    // a name or title
    [InlineData("shipments", "logistics.shipments")]
    [InlineData("warehouse", "logistics.warehouse_stock")]
    [InlineData("revenue", "sales.revenue_by_country")]
    [InlineData("lifetime value", "sales.lifetime_value")]
    // a column
    [InlineData("conversions", "marketing.campaign_performance")]
    [InlineData("churn_score", "sales.churn_risk")]
    [InlineData("customer", "sales.lifetime_value")]
    [InlineData("sku", "logistics.warehouse_stock")]
    // a tag
    [InlineData("inventory", "logistics.warehouse_stock")]
    [InlineData("advertising", "marketing.campaign_performance")]
    [InlineData("sla", "logistics.delivery_times")]
    // a typo
    [InlineData("revnue", "sales.revenue_by_country")]
    [InlineData("custmer", "sales.lifetime_value")]
    [InlineData("shipmnets", "logistics.shipments")]
    [InlineData("warehuose stock", "logistics.warehouse_stock")]
    [InlineData("campain", "marketing.campaign_performance")]
    [InlineData("newsleter", "marketing.newsletter_signups")]
    public async Task SearchAsync_RelevanceCase_RightProductFirst(string text, string expected)
    {
        var page = await catalog.Context.Search.SearchAsync(new ProductQuery(text, null, null), CancellationToken.None);

        Assert.NotEmpty(page.Items);
        Assert.Equal(expected, page.Items[0].Name.ToString());
    }
}
