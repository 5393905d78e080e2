using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Entitlements;

public sealed class EntitlementServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync()
    {
        _ctx = await CreateAsync();
        await _ctx.Sources.UpsertAsync(_ctx.Sam, new CreateSourceStatement(Q("sales.orders"),
            [new("order_id", "VARCHAR"), new("ts", "TIMESTAMP"), new("amount", "DOUBLE")],
            new Dictionary<string, string> { ["format"] = "json", ["ingest"] = "http", ["event_time"] = "ts" }), "CREATE SOURCE sales.orders …", Ct);
        await _ctx.Sources.UpsertAsync(_ctx.Sally, new CreateSourceStatement(Q("sales.customers"), [],
            new Dictionary<string, string> { ["format"] = "csv", ["path"] = "customers/*.csv" }), "CREATE SOURCE sales.customers …", Ct);
        await _ctx.Sources.UpsertAsync(_ctx.Mia, new CreateSourceStatement(Q("marketing.clicks"), [new("campaign", "VARCHAR")],
            new Dictionary<string, string>()), "CREATE SOURCE marketing.clicks …", Ct);
        await _ctx.PublishAsync(_ctx.Mia, "marketing.campaign_performance", "Campaign performance",
            "Clicks and conversions per campaign.", ["kpi"]);
        await _ctx.DeployWithDataAsync(_ctx.Mia, "marketing.budget_draft");
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task GrantForAsync_Member_GetsOwnSourcesByKind()
    {
        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Sam, Ct);

        var orders = Assert.Single(grant.Relations, r => r.Name == Q("sales.orders"));
        Assert.Equal(RelationKind.IngestedSource, orders.Kind);
        Assert.Equal(["order_id", "ts", "amount"], orders.Columns!.Select(c => c.Name));
        // A file source without a schema yet (no file ingested) cannot be read, and says why.
        Assert.DoesNotContain(grant.Relations, r => r.Name == Q("sales.customers"));
        Assert.Contains("no schema yet", Assert.Single(grant.Denied!, d => d.Name == Q("sales.customers")).Reason, StringComparison.Ordinal);

        // Once its first file gave it columns, it is read from its ingested segments like an HTTP source.
        await _ctx.Sources.ApplyFileSchemaAsync(Q("sales.customers"), [new("id", "INTEGER")], ["added column id INTEGER"], "customers/a.csv", Ct);
        var customers = Assert.Single((await _ctx.Entitlements.GrantForAsync(_ctx.Sam, Ct)).Relations, r => r.Name == Q("sales.customers"));
        Assert.Equal((RelationKind.IngestedSource, "csv"), (customers.Kind, customers.Format));
        Assert.Equal(["id"], customers.Columns!.Select(c => c.Name));
    }

    [Fact]
    public async Task GrantForAsync_OtherDomainsSources_DeniedWithReason()
    {
        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Sam, Ct);

        Assert.DoesNotContain(grant.Relations, r => r.Name == Q("marketing.clicks"));
        Assert.Equal("Sources are internal to the marketing domain; use its published products instead.",
            Assert.Single(grant.Denied!, d => d.Name == Q("marketing.clicks")).Reason);
    }

    [Fact]
    public async Task GrantForAsync_UngrantedPublishedProduct_DeniedWithReason()
    {
        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Sam, Ct);

        Assert.DoesNotContain(grant.Relations, r => r.Name == Q("marketing.campaign_performance"));
        Assert.Equal("You have no access to marketing.campaign_performance. Request access on its marketplace page.",
            Assert.Single(grant.Denied!, d => d.Name == Q("marketing.campaign_performance")).Reason);
    }

    [Fact]
    public async Task GrantForAsync_OtherDomainsDraft_IsNeitherReadableNorNamed()
    {
        var consumer = await _ctx.Entitlements.GrantForAsync(_ctx.Sam, Ct);
        var steward = await _ctx.Entitlements.GrantForAsync(_ctx.Steward, Ct);

        Assert.DoesNotContain(consumer.Relations, r => r.Name == Q("marketing.budget_draft"));
        Assert.DoesNotContain(consumer.Denied!, d => d.Name == Q("marketing.budget_draft"));
        // Governance sees the draft's metadata, but not its data.
        Assert.Contains("is not published yet", Assert.Single(steward.Denied!, d => d.Name == Q("marketing.budget_draft")).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(steward.Relations, r => r.Kind == RelationKind.Product);
    }

    [Fact]
    public async Task GrantForAsync_AdminAndSteward_GetNoSourcesAndNoProductsWithoutGrant()
    {
        foreach (var user in new[] { _ctx.Admin, _ctx.Steward })
        {
            var grant = await _ctx.Entitlements.GrantForAsync(user, Ct);

            Assert.Empty(grant.Relations);
            Assert.Contains("internal to the sales domain",
                Assert.Single(grant.Denied!, d => d.Name == Q("sales.orders")).Reason, StringComparison.Ordinal);
            Assert.Contains(grant.Denied!, d => d.Name == Q("marketing.campaign_performance"));
        }
    }

    [Fact]
    public async Task GrantForAsync_AdminWhoBecomesMember_ReadsThatDomainsSourcesOnly()
    {
        await _ctx.Domains.AddMemberAsync(_ctx.Admin, "marketing", "admin", DomainRole.Analyst, Ct);
        var admin = await _ctx.UserAsync("admin");

        var grant = await _ctx.Entitlements.GrantForAsync(admin, Ct);

        Assert.Contains(grant.Relations, r => r.Name == Q("marketing.clicks"));
        Assert.DoesNotContain(grant.Relations, r => r.Name == Q("sales.orders"));
    }

    [Fact]
    public async Task GrantForAsync_Member_ReadsOwnDraftProducts()
    {
        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Mia, Ct);

        var draft = Assert.Single(grant.Relations, r => r.Name == Q("marketing.budget_draft"));
        Assert.Equal((RelationKind.Product, "marketing/budget_draft/snap-1"), (draft.Kind, draft.Location));
        Assert.Contains(grant.Relations, r => r.Name == Q("marketing.campaign_performance"));
    }

    [Fact]
    public async Task GrantForJobAsync_UsesTheDeployersEntitlements()
    {
        var job = await _ctx.Jobs.FindAsync(Q("marketing.job_budget_draft"), Ct);

        var grant = await _ctx.Entitlements.GrantForJobAsync(job!, Ct);

        Assert.Contains(grant.Relations, r => r.Name == Q("marketing.clicks"));
        Assert.DoesNotContain(grant.Relations, r => r.Name == Q("sales.orders"));
    }
}
