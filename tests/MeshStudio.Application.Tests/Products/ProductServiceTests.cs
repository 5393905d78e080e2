using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Products;

public sealed class ProductServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task RecordSnapshotAsync_NewSnapshot_ClassifiesPiiKeepsDescriptionsAndReturnsPreviousLocation()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_clean");
        await _ctx.Products.UpdateColumnDescriptionsAsync(_ctx.Sam, Q("sales.orders_clean"),
            new Dictionary<string, string?> { ["country"] = "Where the order shipped" }, Ct);
        _ctx.Clock.Advance(TimeSpan.FromSeconds(5));

        var previous = await _ctx.Products.RecordSnapshotAsync(Q("sales.orders_clean"),
            new SnapshotResult("sales/orders_clean/snap-2", 7, [new("country", "VARCHAR"), new("contact", "VARCHAR")]),
            new Dictionary<string, IReadOnlyCollection<string>> { ["contact"] = ["a@b.com", "c@d.org"], ["country"] = ["US", "DE"] }, Ct);

        Assert.Equal("sales/orders_clean/snap-1", previous);
        var product = await _ctx.Products.GetAsync(_ctx.Sam, Q("sales.orders_clean"), Ct);
        Assert.Equal(("sales/orders_clean/snap-2", 7L, _ctx.Clock.GetUtcNow().UtcDateTime), (product!.SnapshotLocation, product.RowCount, product.LastUpdatedAt));
        Assert.Equal(
            [new("country", "VARCHAR", "Where the order shipped"), new("contact", "VARCHAR", null, PiiKind.Email)],
            product.Columns);
    }

    [Fact]
    public async Task RecordSnapshotAsync_UnknownProduct_ThrowsRuleViolation()
    {
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Products.RecordSnapshotAsync(Q("sales.nothing"),
            new SnapshotResult("x", 0, []), new Dictionary<string, IReadOnlyCollection<string>>(), Ct));
    }

    [Fact]
    public async Task GetAsync_DraftOfOtherDomain_ReturnsNullForConsumerButNotForSteward()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_clean");

        Assert.Null(await _ctx.Products.GetAsync(_ctx.Mia, Q("sales.orders_clean"), Ct));
        var steward = await _ctx.Products.GetAsync(_ctx.Steward, Q("sales.orders_clean"), Ct);
        Assert.False(steward!.CanReadData);
        Assert.False(steward.CanRequestAccess);
    }

    [Fact]
    public async Task GetAsync_PublishedWithoutGrant_OffersAccessRequest()
    {
        await _ctx.PublishAsync(_ctx.Sam, "sales.orders_clean", "Clean orders", "Validated orders, one row per order.", ["orders"]);

        var product = await _ctx.Products.GetAsync(_ctx.Mia, Q("sales.orders_clean"), Ct);
        var member = await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.orders_clean"), Ct);

        Assert.Equal((false, true, false, null), (product!.CanReadData, product.CanRequestAccess, product.CanEdit, product.MyRequestStatus));
        Assert.Equal((true, false, true), (member!.CanReadData, member.CanRequestAccess, member.CanEdit));
        Assert.Equal("Sam Analyst", product.OwnerDisplayName);
        Assert.Equal(["orders"], product.Tags);
    }

    [Fact]
    public async Task UpdateMetadataAsync_NonMemberOrBadInput_Throws()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_clean");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _ctx.Products.UpdateMetadataAsync(_ctx.Mia, Q("sales.orders_clean"), "Mine", "", [], Ct));
        await Assert.ThrowsAsync<RuleViolationException>(() =>
            _ctx.Products.UpdateMetadataAsync(_ctx.Sam, Q("sales.orders_clean"), " ", "", [], Ct));
        var tag = await Assert.ThrowsAsync<RuleViolationException>(() =>
            _ctx.Products.UpdateMetadataAsync(_ctx.Sam, Q("sales.orders_clean"), "Orders", "", ["<script>"], Ct));
        Assert.Contains("Tag '<script>' is not valid", tag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListForUserAsync_OwnDomainAndGrantedProducts_AreListed()
    {
        await _ctx.PublishAsync(_ctx.Sam, "sales.orders_clean", "Clean orders", "Validated orders, one row per order.", []);
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_draft");
        await _ctx.DeployWithDataAsync(_ctx.Mia, "marketing.campaigns");
        var before = await _ctx.Products.ListForUserAsync(_ctx.Mia, Ct);
        var request = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.orders_clean"), "Attribution of campaign revenue.", Ct);
        await _ctx.Access.DecideAsync(_ctx.Sally, request, true, null, null, Ct);

        var after = await _ctx.Products.ListForUserAsync(_ctx.Mia, Ct);
        var byDomain = await _ctx.Products.ListByDomainAsync(_ctx.Mia, "sales", Ct);

        Assert.Equal(["marketing.campaigns"], before.Select(p => p.Name.ToString()));
        Assert.Equal(["marketing.campaigns", "sales.orders_clean"], after.Select(p => p.Name.ToString()));
        Assert.Equal(["sales.orders_clean"], byDomain.Select(p => p.Name.ToString()));
    }
}
