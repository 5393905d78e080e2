using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Access;

public sealed class AccessServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Purpose = "Weekly campaign attribution report for marketing.";

    public async Task InitializeAsync()
    {
        _ctx = await CreateAsync();
        await _ctx.PublishAsync(_ctx.Sally, "sales.revenue_by_country", "Revenue by country",
            "Five-minute revenue per country, aligned to ISO codes.", ["finance"]);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task DecideAsync_OwnerApproves_GrantIncludesProduct()
    {
        var before = await _ctx.Entitlements.GrantForAsync(_ctx.Mia, Ct);
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);
        var pending = await _ctx.Access.ListPendingForApproverAsync(_ctx.Sally, Ct);

        await _ctx.Access.DecideAsync(_ctx.Sally, id, approve: true, "Enjoy.", null, Ct);

        Assert.DoesNotContain(before.Relations, r => r.Name == Q("sales.revenue_by_country"));
        Assert.Equal([(id, "mia", "Mia Marketing", Purpose)], pending.Select(p => (p.Id, p.RequesterUserName, p.RequesterDisplayName, p.Purpose)));
        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Mia, Ct);
        var relation = Assert.Single(grant.Relations, r => r.Name == Q("sales.revenue_by_country"));
        Assert.Equal(RelationKind.Product, relation.Kind);
        Assert.Equal("sales/revenue_by_country/snap-1", relation.Location);
        Assert.DoesNotContain(grant.Denied!, d => d.Name == Q("sales.revenue_by_country"));
        Assert.True(await _ctx.Access.HasActiveGrantAsync(_ctx.Mia.UserId, Q("sales.revenue_by_country"), Ct));
        var details = await _ctx.Products.GetAsync(_ctx.Mia, Q("sales.revenue_by_country"), Ct);
        Assert.True(details!.CanReadData);
        Assert.Equal(AccessRequestStatus.Approved, details.MyRequestStatus);
        Assert.Empty(await _ctx.Access.ListPendingForApproverAsync(_ctx.Sally, Ct));
    }

    [Fact]
    public async Task DecideAsync_NonOwner_ThrowsAccessDenied()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Access.DecideAsync(_ctx.Sam, id, true, null, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Access.DecideAsync(_ctx.Mia, id, true, null, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Access.DecideAsync(_ctx.Steward, id, true, null, null, Ct));
        Assert.Empty(await _ctx.Access.ListPendingForApproverAsync(_ctx.Sam, Ct));
        Assert.False(await _ctx.Access.HasActiveGrantAsync(_ctx.Mia.UserId, Q("sales.revenue_by_country"), Ct));
    }

    [Fact]
    public async Task DecideAsync_AdminOnOwnRequest_IsRefusedAndNotListedButAnotherOwnerDecides()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Admin, Q("sales.revenue_by_country"), Purpose, Ct);

        var pending = await _ctx.Access.ListPendingForApproverAsync(_ctx.Admin, Ct);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Access.DecideAsync(_ctx.Admin, id, true, null, null, Ct));

        Assert.DoesNotContain(pending, p => p.Id == id);
        Assert.Contains("your own request", refused.Message, StringComparison.Ordinal);
        Assert.False(await _ctx.Access.HasActiveGrantAsync(_ctx.Admin.UserId, Q("sales.revenue_by_country"), Ct));
        Assert.Contains(await _ctx.Access.ListPendingForApproverAsync(_ctx.Sally, Ct), p => p.Id == id);
        await _ctx.Access.DecideAsync(_ctx.Sally, id, true, null, null, Ct);
        Assert.True(await _ctx.Access.HasActiveGrantAsync(_ctx.Admin.UserId, Q("sales.revenue_by_country"), Ct));
    }

    [Fact]
    public async Task DecideAsync_AdminOnOthersRequest_Decides()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);

        Assert.Contains(await _ctx.Access.ListPendingForApproverAsync(_ctx.Admin, Ct), p => p.Id == id);
        await _ctx.Access.DecideAsync(_ctx.Admin, id, false, "Not for this purpose.", null, Ct);

        Assert.Equal(AccessRequestStatus.Rejected, Assert.Single(await _ctx.Access.ListMineAsync(_ctx.Mia, Ct)).Status);
    }

    [Fact]
    public async Task HasActiveGrantAsync_ExpiredGrant_ReturnsFalse()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);
        await _ctx.Access.DecideAsync(_ctx.Sally, id, true, null, _ctx.Clock.GetUtcNow().UtcDateTime.AddDays(7), Ct);
        var activeBefore = await _ctx.Access.HasActiveGrantAsync(_ctx.Mia.UserId, Q("sales.revenue_by_country"), Ct);

        _ctx.Clock.Advance(TimeSpan.FromDays(7));

        Assert.True(activeBefore);
        Assert.False(await _ctx.Access.HasActiveGrantAsync(_ctx.Mia.UserId, Q("sales.revenue_by_country"), Ct));
        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Mia, Ct);
        Assert.DoesNotContain(grant.Relations, r => r.Name == Q("sales.revenue_by_country"));
        Assert.Contains("expired", Assert.Single(grant.Denied!, d => d.Name == Q("sales.revenue_by_country")).Reason, StringComparison.Ordinal);
        // Once expired, the consumer may ask again.
        await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);
    }

    [Fact]
    public async Task DecideAsync_Reject_RecordsCommentAndGrantsNothing()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);

        await _ctx.Access.DecideAsync(_ctx.Sally, id, false, "Use the aggregated product instead.", null, Ct);

        var mine = Assert.Single(await _ctx.Access.ListMineAsync(_ctx.Mia, Ct));
        Assert.Equal((AccessRequestStatus.Rejected, "Use the aggregated product instead."), (mine.Status, mine.DecisionComment));
        Assert.False(await _ctx.Access.HasActiveGrantAsync(_ctx.Mia.UserId, Q("sales.revenue_by_country"), Ct));
        var again = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Access.DecideAsync(_ctx.Sally, id, true, null, null, Ct));
        Assert.Contains("already rejected", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("too short")]
    [InlineData("          ")]
    public async Task RequestAsync_ShortPurpose_ThrowsRuleViolation(string purpose)
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), purpose, Ct));

        Assert.Contains("at least 10 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_DuplicatePendingOrActiveGrant_ThrowsRuleViolation()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);
        var pending = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct));
        await _ctx.Access.DecideAsync(_ctx.Sally, id, true, null, null, Ct);
        var granted = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct));

        Assert.Contains("not decided yet", pending.Message, StringComparison.Ordinal);
        Assert.Contains("already have access", granted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_MemberOrDraftOrUnknown_ThrowsRuleViolation()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sally, "sales.orders_draft");

        var member = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Access.RequestAsync(_ctx.Sam, Q("sales.revenue_by_country"), Purpose, Ct));
        var draft = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Access.RequestAsync(_ctx.Steward, Q("sales.orders_draft"), Purpose, Ct));
        var hidden = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.orders_draft"), Purpose, Ct));

        Assert.Contains("already read", member.Message, StringComparison.Ordinal);
        Assert.Contains("not published yet", draft.Message, StringComparison.Ordinal);
        // A draft of another domain is not even named to outsiders.
        Assert.Equal("There is no data product sales.orders_draft.", hidden.Message);
    }

    [Fact]
    public async Task RequestAndDecide_AreWrittenToTheAuditLog()
    {
        var id = await _ctx.Access.RequestAsync(_ctx.Mia, Q("sales.revenue_by_country"), Purpose, Ct);
        await _ctx.Access.DecideAsync(_ctx.Sally, id, true, "For the Q3 report.", new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), Ct);

        var entries = await _ctx.Audit.ListAsync(0, 2, Ct);

        Assert.Equal(("access.approved", "sally", "sales.revenue_by_country"), (entries[0].Action, entries[0].Actor, entries[0].Target));
        Assert.Equal("granted to mia until 2026-06-01 00:00 UTC: For the Q3 report.", entries[0].Details);
        Assert.Equal(("access.requested", "mia", Purpose), (entries[1].Action, entries[1].Actor, entries[1].Details));
    }
}
