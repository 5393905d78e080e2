using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Jobs;

public sealed class JobServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task SaveAsync_NewTarget_CreatesDraftProductOwnedByActor()
    {
        var job = await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.revenue_5m", "sales.revenue_by_country", ["window_start", "country"]),
            "CREATE JOB sales.revenue_5m …", Ct);

        Assert.Equal((2.0, false, "sam-id"), (job.RunIntervalSeconds, job.IsPaused, job.RunAsUserId));
        var product = await _ctx.Products.GetAsync(_ctx.Sam, Q("sales.revenue_by_country"), Ct);
        Assert.NotNull(product);
        Assert.Equal((ProductStatus.Draft, "sam", "Revenue by country"), (product.Status, product.OwnerUserName, product.Title));
        Assert.Equal(["window_start", "country"], product.KeyColumns);
        Assert.Equal(Q("sales.revenue_5m"), product.Job);
        Assert.Equal("job.saved", (await _ctx.Audit.ListAsync(0, 1, Ct))[0].Action);
    }

    [Fact]
    public async Task SaveAsync_SameJobTwice_UpdatesInPlace()
    {
        await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.revenue_5m", "sales.revenue_by_country"), "v1", Ct);

        var job = await _ctx.Jobs.SaveAsync(_ctx.Sally, JobStatement("sales.revenue_5m", "sales.revenue_by_country", runInterval: "1 minute"), "v2", Ct);

        var view = Assert.Single(await _ctx.Jobs.ListAsync(_ctx.Sally, Ct));
        Assert.Equal((60.0, "v2"), (view.RunIntervalSeconds, view.Definition));
        Assert.Equal("sally-id", job.RunAsUserId);
        // The product keeps its first owner.
        Assert.Equal("sam", (await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.revenue_by_country"), Ct))!.OwnerUserName);
    }

    [Fact]
    public async Task SaveAsync_TargetInOtherDomain_ThrowsRuleViolation()
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.steal", "marketing.campaigns"), "…", Ct));

        Assert.Contains("only write products of its own domain (sales)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_NonMember_ThrowsAccessDenied()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => _ctx.Jobs.SaveAsync(_ctx.Mia, JobStatement("sales.revenue_5m", "sales.revenue_by_country"), "…", Ct));
    }

    [Fact]
    public async Task SaveAsync_BadIntervalOrSecondJobForProduct_ThrowsRuleViolation()
    {
        await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.revenue_5m", "sales.revenue_by_country"), "…", Ct);

        var interval = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.other", "sales.other_product", runInterval: "often"), "…", Ct));
        var second = await Assert.ThrowsAsync<RuleViolationException>(
            () => _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.other", "sales.revenue_by_country"), "…", Ct));

        Assert.Contains("'often' is not an interval", interval.Message, StringComparison.Ordinal);
        Assert.Contains("already kept up to date by job sales.revenue_5m", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueAsync_IntervalPauseAndRunOnce_AreRespected()
    {
        var fast = await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.fast", "sales.fast_product", runInterval: "10 seconds"), "…", Ct);
        await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.once", "sales.once_product", runInterval: null), "…", Ct);
        await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.paused", "sales.paused_product"), "…", Ct);
        await _ctx.Jobs.SetPausedAsync(_ctx.Sam, Q("sales.paused"), true, Ct);
        var now = _ctx.Clock.GetUtcNow().UtcDateTime;

        var neverRun = await _ctx.Jobs.DueAsync(now, Ct);
        await _ctx.Jobs.RecordRunAsync(fast.Id, now, now.AddSeconds(1), 10, null, Ct);
        var justRan = await _ctx.Jobs.DueAsync(now.AddSeconds(9), Ct);
        var later = await _ctx.Jobs.DueAsync(now.AddSeconds(10), Ct);

        Assert.Equal(new[] { Q("sales.fast") }, neverRun);
        Assert.Empty(justRan);
        Assert.Equal(Q("sales.fast"), Assert.Single(later));
    }

    [Fact]
    public async Task RecordRunAsync_Failure_SetsLastErrorAndHistory()
    {
        var job = await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.fast", "sales.fast_product"), "…", Ct);
        var now = _ctx.Clock.GetUtcNow().UtcDateTime;

        await _ctx.Jobs.RecordRunAsync(job.Id, now, now.AddSeconds(1), 5, null, Ct);
        await _ctx.Jobs.RecordRunAsync(job.Id, now.AddSeconds(2), now.AddSeconds(3), 0, "Binder Error: column x not found", Ct);

        var view = Assert.Single(await _ctx.Jobs.ListAsync(_ctx.Sam, Ct));
        Assert.Equal((now.AddSeconds(2), false, "Binder Error: column x not found"), (view.LastRunAt, view.LastRunSucceeded, view.LastError));
        var runs = await _ctx.Jobs.ListRunsAsync(Q("sales.fast"), 10, Ct);
        Assert.Equal([false, true], runs.Select(r => r.Succeeded));
        Assert.Equal(DateTimeKind.Utc, runs[0].StartedAt.Kind);
    }

    [Fact]
    public async Task RecordRunAsync_WithExpectationCounters_ListedPerRunAndOnTheJob()
    {
        var job = await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.fast", "sales.fast_product"), "…", Ct);
        var now = _ctx.Clock.GetUtcNow().UtcDateTime;
        const string quarantine = "sales/products/fast_product/_quarantine/snap-20260301000000000-aaaaaaaa/";

        await _ctx.Jobs.RecordRunAsync(job.Id, now, now.AddSeconds(1), 5, null,
            [new("positive", ExpectationAction.Drop, 2), new("known", ExpectationAction.Warn, 1)], quarantine, Ct);
        await _ctx.Jobs.RecordRunAsync(job.Id, now.AddSeconds(2), now.AddSeconds(3), 0, "Expectation has_id failed on 4 input rows",
            [new("has_id", ExpectationAction.Fail, 4)], null, Ct);

        var runs = await _ctx.Jobs.ListRunsAsync(Q("sales.fast"), 10, Ct);
        Assert.Equal([("has_id", ExpectationAction.Fail, 4L)], runs[0].Expectations.Select(e => (e.Name, e.Action, e.Violations)));
        Assert.Equal([("positive", ExpectationAction.Drop, 2L), ("known", ExpectationAction.Warn, 1L)], runs[1].Expectations.Select(e => (e.Name, e.Action, e.Violations)));
        Assert.Equal((null, quarantine), (runs[0].QuarantineLocation, runs[1].QuarantineLocation));
        var view = Assert.Single(await _ctx.Jobs.ListAsync(_ctx.Sam, Ct));
        Assert.Equal(["has_id"], view.LastRunExpectations.Select(e => e.Name));
        Assert.True(view.HasQuarantine);
        Assert.Equal([quarantine], await _ctx.Jobs.QuarantineAsync(_ctx.Sam, Q("sales.fast"), 20, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.QuarantineAsync(_ctx.Mia, Q("sales.fast"), 20, Ct));
        // Quarantined rows are source data: an admin who is not a member of sales reads none of them.
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.QuarantineAsync(_ctx.Admin, Q("sales.fast"), 20, Ct));
    }

    [Fact]
    public async Task RecordRunAsync_ManyRuns_KeepsTheNewest500()
    {
        var job = await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.fast", "sales.fast_product"), "…", Ct);
        var start = _ctx.Clock.GetUtcNow().UtcDateTime;

        for (var i = 0; i < 510; i++)
            await _ctx.Jobs.RecordRunAsync(job.Id, start.AddSeconds(i), start.AddSeconds(i), i, null, Ct);

        var runs = await _ctx.Jobs.ListRunsAsync(Q("sales.fast"), 1000, Ct);
        Assert.Equal(500, runs.Count);
        Assert.Equal((509L, 10L), (runs[0].RowsOut, runs[^1].RowsOut));
    }

    [Fact]
    public async Task ListAsync_OtherDomainsJobs_AreNotListed()
    {
        await _ctx.Jobs.SaveAsync(_ctx.Sam, JobStatement("sales.fast", "sales.fast_product"), "…", Ct);

        Assert.Empty(await _ctx.Jobs.ListAsync(_ctx.Mia, Ct));
        Assert.Single(await _ctx.Jobs.ListAsync(_ctx.Admin, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.SetPausedAsync(_ctx.Mia, Q("sales.fast"), true, Ct));
    }
}
