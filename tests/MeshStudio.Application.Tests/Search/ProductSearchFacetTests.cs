using MeshStudio.Application.Products.Trust;
using MeshStudio.Application.Search;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Trust;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Search;

public sealed class ProductSearchFacetTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;

    public async Task InitializeAsync()
    {
        _ctx = await CreateAsync();
        await _ctx.PublishAsync(_ctx.Sally, "sales.revenue_by_country", "Revenue by country",
            "Five-minute revenue per country.", ["finance", "kpi"]);
        await _ctx.PublishAsync(_ctx.Mia, "marketing.campaign_performance", "Campaign performance",
            "Clicks and conversions per campaign; joins the revenue of sales orders.", ["kpi"]);
        await _ctx.PublishAsync(_ctx.Leo, "logistics.shipments", "Shipments",
            "Every shipment with its carrier, updated continuously.", ["operations"],
            [new("shipment_id", "VARCHAR"), new("carrier", "VARCHAR")]);
        // After publication the campaign product's job starts writing e-mail addresses: flagged as personal data.
        await _ctx.Products.RecordSnapshotAsync(Q("marketing.campaign_performance"),
            new SnapshotResult("marketing/campaign_performance/snap-2", 7, [new("campaign", "VARCHAR"), new("email", "VARCHAR")]),
            new Dictionary<string, IReadOnlyCollection<string>>(), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task SearchAsync_NoFilter_CountsOwnersAndClassifications()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null), CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["Leo Logistics"] = 1, ["Mia Marketing"] = 1, ["Sally Sales"] = 1 }, page.OwnerFacets);
        Assert.Equal(new Dictionary<string, int> { [SearchClassification.NotPersonal] = 2, [SearchClassification.Personal] = 1 },
            page.ClassificationFacets);
        Assert.True(page.Items.Single(h => h.Name == Q("marketing.campaign_performance")).ContainsPersonalData);
    }

    [Fact]
    public async Task SearchAsync_ClassificationFilter_KeepsPersonalProductsAndTheOtherFacetsFollow()
    {
        var page = await _ctx.Search.SearchAsync(
            new ProductQuery(null, null, null, Classification: SearchClassification.Personal), CancellationToken.None);

        Assert.Equal([Q("marketing.campaign_performance")], page.Items.Select(h => h.Name));
        Assert.Equal(new Dictionary<string, int> { ["marketing"] = 1 }, page.DomainFacets);
        // The classification facet ignores its own filter, so the other value stays selectable.
        Assert.Equal(2, page.ClassificationFacets[SearchClassification.NotPersonal]);
    }

    [Fact]
    public async Task SearchAsync_OwnerFilterWithText_ReturnsThatOwnersMatches()
    {
        var page = await _ctx.Search.SearchAsync(new ProductQuery("revenue", null, null, Owner: "Mia Marketing"), CancellationToken.None);

        Assert.Equal([Q("marketing.campaign_performance")], page.Items.Select(h => h.Name));
        Assert.Equal(new Dictionary<string, int> { ["Mia Marketing"] = 1, ["Sally Sales"] = 1 }, page.OwnerFacets);
    }

    [Fact]
    public async Task SearchAsync_SortByFreshness_PutsTheLatestCommitFirst()
    {
        _ctx.Clock.Advance(TimeSpan.FromMinutes(5));
        await _ctx.Products.RecordSnapshotAsync(Q("sales.revenue_by_country"),
            new SnapshotResult("sales/revenue_by_country/snap-2", 50, CleanColumns),
            new Dictionary<string, IReadOnlyCollection<string>>(), CancellationToken.None);

        var byRelevance = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null), CancellationToken.None);
        var byFreshness = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null, Sort: SearchSort.Freshness), CancellationToken.None);

        Assert.Equal("logistics.shipments", byRelevance.Items[0].Name.ToString());
        Assert.Equal(
            ["sales.revenue_by_country", "marketing.campaign_performance", "logistics.shipments"],
            byFreshness.Items.Select(h => h.Name.ToString()));
        Assert.Equal(50, byFreshness.Items[0].RowCount);
    }

    [Fact]
    public async Task SearchAsync_TrustFacet_CountsEachProductsTrustStatusAndFilters()
    {
        // Jobs that run every 2 seconds and have not run for 10 minutes are past their freshness SLA.
        _ctx.Clock.Advance(TimeSpan.FromMinutes(10));
        var statuses = (await _ctx.Get<ProductTrust>().ForPublishedAsync(null, CancellationToken.None)).ToDictionary(t => t.Key.ToString(), t => t.Value.Status);
        Assert.Equal(TrustStatus.Failing, statuses["logistics.shipments"]);

        var all = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null), CancellationToken.None);
        var failing = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null, Trust: TrustStatus.Failing), CancellationToken.None);

        var expected = statuses.Values.GroupBy(s => s.ToString()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected, all.TrustFacets.ToDictionary(f => f.Key, f => f.Value));
        Assert.Equal(statuses.Where(s => s.Value == TrustStatus.Failing).Select(s => s.Key).Order(),
            failing.Items.Select(h => h.Name.ToString()).Order());
        var healthy = await _ctx.Search.SearchAsync(new ProductQuery(null, null, null, Trust: TrustStatus.Healthy), CancellationToken.None);
        Assert.Empty(healthy.Items);
        Assert.Equal(all.TrustFacets.Count, healthy.TrustFacets.Count);
    }

    [Fact]
    public async Task SearchAsync_ProductPublishedAfterASearch_IsFoundByItsNewWordsAndTypos()
    {
        await _ctx.Search.SearchAsync(new ProductQuery("revenue", null, null), CancellationToken.None);
        await _ctx.PublishAsync(_ctx.Sally, "sales.refunds", "Refunds", "Refunded orders per reason.", ["finance"]);

        var page = await _ctx.Search.SearchAsync(new ProductQuery("refnds", null, null), CancellationToken.None);

        Assert.Equal([Q("sales.refunds")], page.Items.Select(h => h.Name));
    }
}
