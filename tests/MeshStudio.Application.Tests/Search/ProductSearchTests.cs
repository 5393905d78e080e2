using MeshStudio.Application.Search;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Search;

public sealed class ProductSearchTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;

    public async Task InitializeAsync()
    {
        _ctx = await CreateAsync();
        await _ctx.PublishAsync(_ctx.Sally, "sales.revenue_by_country", "Revenue by country",
            "Five-minute revenue per country, aligned to ISO codes.", ["finance", "kpi"]);
        await _ctx.PublishAsync(_ctx.Mia, "marketing.campaign_performance", "Campaign performance",
            "Clicks and conversions per campaign; joins the revenue of sales orders.", ["kpi"]);
        await _ctx.PublishAsync(_ctx.Leo, "logistics.shipments", "Shipments",
            "Every shipment with its carrier and delivery status, updated continuously.", ["operations"],
            [new("shipment_id", "VARCHAR"), new("carrier", "VARCHAR"), new("status", "VARCHAR")]);
        // A draft that mentions revenue everywhere: it must never show up.
        await _ctx.DeployWithDataAsync(_ctx.Sally, "sales.revenue_draft");
        await _ctx.Products.UpdateMetadataAsync(_ctx.Sally, Q("sales.revenue_draft"), "Revenue draft",
            "Revenue revenue revenue, not published yet.", ["kpi"], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task SearchAsync_PrefixOfLastTerm_FindsProduct()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery("rev", null, null), CancellationToken.None);

        Assert.Contains(page.Items, h => h.Name == Q("sales.revenue_by_country"));
    }

    [Fact]
    public async Task SearchAsync_TermInName_RanksAboveTermInDescription()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery("revenue", null, null), CancellationToken.None);

        Assert.Equal([Q("sales.revenue_by_country"), Q("marketing.campaign_performance")], page.Items.Select(h => h.Name));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task SearchAsync_DraftProduct_NeverAppears()
    {
        var byText = await _ctx.Search.SearchAsync(new ProductQuery("draft", null, null), CancellationToken.None);
        var all = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null), CancellationToken.None);

        Assert.Empty(byText.Items);
        Assert.DoesNotContain(all.Items, h => h.Name.Name == "revenue_draft");
        Assert.Equal(3, all.Total);
    }

    [Fact]
    public async Task SearchAsync_EmptyText_ListsPublishedNewestFirst()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery("  ", null, null), CancellationToken.None);

        Assert.Equal(["logistics.shipments", "marketing.campaign_performance", "sales.revenue_by_country"],
            page.Items.Select(h => h.Name.ToString()));
        Assert.All(page.Items, h => Assert.False(string.IsNullOrEmpty(h.Snippet)));
    }

    [Fact]
    public async Task SearchAsync_Facets_CountDomainsAndTagsOfAllMatches()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null, PageSize: 1), CancellationToken.None);

        Assert.Single(page.Items);
        Assert.Equal(3, page.Total);
        Assert.Equal(new Dictionary<string, int> { ["logistics"] = 1, ["marketing"] = 1, ["sales"] = 1 }, page.DomainFacets);
        Assert.Equal(2, page.TagFacets["kpi"]);
        Assert.Equal(1, page.TagFacets["finance"]);
        Assert.Equal(1, page.TagFacets["operations"]);
    }

    [Fact]
    public async Task SearchAsync_TagFilter_KeepsDomainFacetOverFilteredSet()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery(null, null, "kpi"), CancellationToken.None);

        Assert.Equal(2, page.Total);
        Assert.Equal(new Dictionary<string, int> { ["marketing"] = 1, ["sales"] = 1 }, page.DomainFacets);
        // The tag facet ignores the tag filter, so the other tags stay selectable.
        Assert.Equal(1, page.TagFacets["operations"]);
    }

    [Fact]
    public async Task SearchAsync_DomainFilter_ReturnsOnlyThatDomain()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery("revenue", "marketing", null), CancellationToken.None);

        Assert.Equal([Q("marketing.campaign_performance")], page.Items.Select(h => h.Name));
    }

    [Fact]
    public async Task SearchAsync_ColumnDescriptionAndOwner_AreSearchable()
    {
        var byColumn = await _ctx.Search.SearchAsync(new ProductQuery("order amounts", null, null), CancellationToken.None);
        var byOwner = await _ctx.Search.SearchAsync(new ProductQuery("Leo Logistics", null, null), CancellationToken.None);

        Assert.Contains(byColumn.Items, h => h.Name == Q("sales.revenue_by_country"));
        Assert.Equal([Q("logistics.shipments")], byOwner.Items.Select(h => h.Name));
        Assert.Equal("Leo Logistics", byOwner.Items[0].OwnerDisplayName);
    }

    [Theory]
    [InlineData("\"revenue")]
    [InlineData("revenue OR NEAR(")]
    [InlineData("title:* AND -")]
    [InlineData("'; DROP TABLE Products; --")]
    public async Task SearchAsync_FtsSyntaxInText_IsTreatedAsWords(string text)
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery(text, null, null), CancellationToken.None);

        Assert.NotNull(page);
    }

    [Fact]
    public async Task SearchAsync_MetadataEditOfPublishedProduct_UpdatesIndex()
    {
        await _ctx.Products.UpdateMetadataAsync(_ctx.Leo, Q("logistics.shipments"), "Parcel shipments",
            "Every parcel with its carrier.", ["operations"], CancellationToken.None);

        var page = await _ctx.Search.SearchAsync(new ProductQuery("parcel", null, null), CancellationToken.None);

        Assert.Equal([Q("logistics.shipments")], page.Items.Select(h => h.Name));
    }

    [Theory]
    [InlineData("rev", "\"rev\"*")]
    [InlineData("  revenue  by country ", "\"revenue\" AND \"by\" AND \"country\"*")]
    [InlineData("sales.revenue_by", "\"sales\" AND \"revenue\" AND \"by\"*")]
    [InlineData("\"a\" OR b*", "\"a\" AND \"or\" AND \"b\"*")]
    [InlineData("  ", null)]
    [InlineData("*()", null)]
    public void ToMatchExpression_UserText_QuotesEveryTermAndPrefixesTheLast(string text, string? expected)
    {
        Assert.Equal(expected, ProductSearch.ToMatchExpression(text));
    }
}
