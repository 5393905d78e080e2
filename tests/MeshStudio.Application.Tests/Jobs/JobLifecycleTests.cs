using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.TestSupport;
using Microsoft.EntityFrameworkCore;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Jobs;

public sealed class JobLifecycleTests : IAsyncLifetime
{
    private const string V1 = "CREATE JOB sales.revenue_job WITH (run_interval = '2 seconds') AS\nINSERT INTO sales.revenue KEY (country)\nSELECT country, sum(amount) AS revenue FROM sales.orders GROUP BY ALL";
    private const string V2 = "ALTER JOB sales.revenue_job WITH (run_interval = '1 minute') AS\nINSERT INTO sales.revenue KEY (country)\nSELECT country, avg(amount) AS revenue FROM sales.orders GROUP BY ALL";

    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private Task<Job> CreateV1Async() =>
        _ctx.Jobs.SaveAsync(_ctx.Sam, (CreateJobStatement)MeshSqlParser.Parse(V1), V1, Ct);

    private static AlterJobStatement Alter(string sql = V2) => (AlterJobStatement)MeshSqlParser.Parse(sql);

    private async Task<string?> CheckpointAsync()
    {
        await using var db = await _ctx.DbAsync();
        return await db.Jobs.Where(j => j.Name == "revenue_job").Select(j => j.Checkpoint).SingleAsync();
    }

    private async Task SetCheckpointAsync(string checkpoint)
    {
        await using var db = await _ctx.DbAsync();
        await db.Jobs.Where(j => j.Name == "revenue_job").ExecuteUpdateAsync(s => s.SetProperty(j => j.Checkpoint, checkpoint));
    }

    [Fact]
    public async Task Create_MakesVersionOne_AndLeavesTheJobNeverRun()
    {
        await CreateV1Async();

        var versions = await _ctx.Jobs.ListVersionsAsync(_ctx.Sally, Q("sales.revenue_job"), Ct);

        var version = Assert.Single(versions!);
        Assert.Equal((1, V1, "sam", _ctx.Clock.GetUtcNow().UtcDateTime), (version.Version, version.Definition, version.CreatedBy, version.CreatedAt));
        Assert.Null(await CheckpointAsync());
        Assert.Equal(1, (await _ctx.Jobs.GetAsync(_ctx.Sam, Q("sales.revenue_job"), 10, Ct))!.Version);
    }

    [Fact]
    public async Task Alter_AddsAVersionKeepsHistoryAndRequestsABackfill()
    {
        await CreateV1Async();
        await SetCheckpointAsync("""{"sales.orders":42}""");
        _ctx.Clock.Advance(TimeSpan.FromMinutes(5));

        var job = await _ctx.Jobs.AlterAsync(_ctx.Sally, Alter(), Ct);

        Assert.Equal((60.0, "sally-id"), (job.RunIntervalSeconds, job.RunAsUserId));
        Assert.Equal(Job.BackfillCheckpoint, await CheckpointAsync());
        var versions = (await _ctx.Jobs.ListVersionsAsync(_ctx.Sam, Q("sales.revenue_job"), Ct))!;
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.StartsWith("CREATE JOB sales.revenue_job WITH (run_interval = '1 minute')", versions[0].Definition, StringComparison.Ordinal);
        Assert.Contains("avg(amount)", versions[0].Definition, StringComparison.Ordinal);
        Assert.Equal(V1, versions[1].Definition);
        Assert.Equal("sally", versions[0].CreatedBy);
        var details = (await _ctx.Jobs.GetAsync(_ctx.Sam, Q("sales.revenue_job"), 10, Ct))!;
        Assert.Equal((2, true, versions[0].Definition), (details.Version, details.BackfillPending, details.Definition));
        Assert.Equal("job.altered", (await _ctx.Audit.ListAsync(0, 1, Ct))[0].Action);
    }

    [Fact]
    public async Task Alter_ToAnotherProductOrAMissingJob_IsRefusedAndChangesNothing()
    {
        await CreateV1Async();

        var other = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Jobs.AlterAsync(_ctx.Sam,
            Alter("ALTER JOB sales.revenue_job AS INSERT INTO sales.other SELECT 1"), Ct));
        var missing = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Jobs.AlterAsync(_ctx.Sam,
            Alter("ALTER JOB sales.nope AS INSERT INTO sales.nope_product SELECT 1"), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.AlterAsync(_ctx.Mia, Alter(), Ct));

        Assert.Contains("ALTER JOB must keep writing it, not sales.other", other.Message, StringComparison.Ordinal);
        Assert.Contains("There is no job sales.nope to alter", missing.Message, StringComparison.Ordinal);
        Assert.Single((await _ctx.Jobs.ListVersionsAsync(_ctx.Sam, Q("sales.revenue_job"), Ct))!);
        Assert.Null(await _ctx.Products.GetAsync(_ctx.Sam, Q("sales.other"), Ct));
        Assert.Null(await _ctx.Products.GetAsync(_ctx.Sam, Q("sales.nope_product"), Ct));
    }

    [Fact]
    public async Task CreateAgain_SameDefinitionKeepsVersionAndCheckpoint_ChangedOneAddsAVersion()
    {
        await CreateV1Async();
        await SetCheckpointAsync("""{"sales.orders":42}""");

        await CreateV1Async();
        var unchanged = await CheckpointAsync();
        var changed = V1.Replace("sum(amount)", "max(amount)", StringComparison.Ordinal);
        await _ctx.Jobs.SaveAsync(_ctx.Sam, (CreateJobStatement)MeshSqlParser.Parse(changed), changed, Ct);

        Assert.Equal("""{"sales.orders":42}""", unchanged);
        Assert.Equal(Job.BackfillCheckpoint, await CheckpointAsync());
        Assert.Equal([2, 1], (await _ctx.Jobs.ListVersionsAsync(_ctx.Sam, Q("sales.revenue_job"), Ct))!.Select(v => v.Version));
    }

    [Fact]
    public async Task Drop_RemovesJobRunsAndVersions_KeepsTheProductAndItsData_Audited()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.revenue");
        var name = Q("sales.job_revenue");
        var job = (await _ctx.Jobs.FindAsync(name, Ct))!;
        await _ctx.Jobs.RecordRunAsync(job.Id, _ctx.Clock.GetUtcNow().UtcDateTime, _ctx.Clock.GetUtcNow().UtcDateTime.AddSeconds(1), 42, null, Ct);

        var dropped = await _ctx.Jobs.DropAsync(_ctx.Sally, name, ifExists: false, Ct);

        Assert.True(dropped);
        Assert.Null(await _ctx.Jobs.FindAsync(name, Ct));
        Assert.Empty(await _ctx.Jobs.ListAsync(_ctx.Sally, Ct));
        Assert.Empty(await _ctx.Jobs.DueAsync(_ctx.Clock.GetUtcNow().UtcDateTime.AddHours(1), Ct));
        Assert.Null(await _ctx.Jobs.GetAsync(_ctx.Sally, name, 10, Ct));
        Assert.Null(await _ctx.Jobs.ListVersionsAsync(_ctx.Sally, name, Ct));
        await using (var db = await _ctx.DbAsync())
        {
            Assert.False(await db.JobRuns.AnyAsync(r => r.JobId == job.Id));
            Assert.False(await db.JobVersions.AnyAsync(v => v.JobId == job.Id));
        }
        var product = (await _ctx.Products.GetAsync(_ctx.Sam, Q("sales.revenue"), Ct))!;
        Assert.Equal((42L, (Core.Products.QualifiedName?)null), (product.RowCount, product.Job));
        Assert.NotNull(product.SnapshotLocation);
        var entry = (await _ctx.Audit.ListAsync(0, 1, Ct))[0];
        Assert.Equal(("sally", "job.dropped", "sales.job_revenue"), (entry.Actor, entry.Action, entry.Target));
    }

    [Fact]
    public async Task Drop_MissingJob_RefusedUnlessIfExists_NonMemberDenied()
    {
        await CreateV1Async();

        var missing = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Jobs.DropAsync(_ctx.Sam, Q("sales.nope"), false, Ct));
        var ignored = await _ctx.Jobs.DropAsync(_ctx.Sam, Q("sales.nope"), true, Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.DropAsync(_ctx.Mia, Q("sales.revenue_job"), false, Ct));

        Assert.Contains("There is no job sales.nope", missing.Message, StringComparison.Ordinal);
        Assert.False(ignored);
        Assert.NotNull(await _ctx.Jobs.FindAsync(Q("sales.revenue_job"), Ct));
    }

    [Fact]
    public async Task RequestBackfill_SetsTheStartOverCheckpoint_AuthorsOnly()
    {
        await CreateV1Async();
        await SetCheckpointAsync("""{"sales.orders":42}""");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.RequestBackfillAsync(_ctx.Leo, Q("sales.revenue_job"), Ct));
        var before = await CheckpointAsync();
        await _ctx.Jobs.RequestBackfillAsync(_ctx.Sam, Q("sales.revenue_job"), Ct);

        Assert.Equal("""{"sales.orders":42}""", before);
        Assert.Equal("{}", await CheckpointAsync());
        Assert.Equal("job.backfill_requested", (await _ctx.Audit.ListAsync(0, 1, Ct))[0].Action);
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Jobs.RequestBackfillAsync(_ctx.Sam, Q("sales.nope"), Ct));
    }

    [Fact]
    public async Task GetAsync_MembersSeeStateAndRecentRuns_OthersAreDenied()
    {
        var job = await CreateV1Async();
        var now = _ctx.Clock.GetUtcNow().UtcDateTime;
        await _ctx.Jobs.RecordRunAsync(job.Id, now, now.AddSeconds(1), 5, null, Ct);
        await _ctx.Jobs.RecordRunAsync(job.Id, now.AddSeconds(2), now.AddSeconds(3), 0, "Binder Error: x (line 3, column 8)", Ct);
        await _ctx.Jobs.SetPausedAsync(_ctx.Sam, Q("sales.revenue_job"), true, Ct);

        var details = (await _ctx.Jobs.GetAsync(_ctx.Sam, Q("sales.revenue_job"), 1, Ct))!;

        Assert.Equal((Q("sales.revenue"), 2.0, true, false), (details.Product, details.RunIntervalSeconds, details.IsPaused, details.LastRunSucceeded));
        Assert.Equal(("Binder Error: x (line 3, column 8)", "sam", false), (details.LastError, details.RunAsUserName, details.BackfillPending));
        Assert.False(Assert.Single(details.RecentRuns).Succeeded);
        Assert.NotNull(await _ctx.Jobs.GetAsync(_ctx.Admin, Q("sales.revenue_job"), 0, Ct));
        Assert.Null(await _ctx.Jobs.GetAsync(_ctx.Sam, Q("sales.nope"), 0, Ct));
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.GetAsync(_ctx.Leo, Q("sales.revenue_job"), 10, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Jobs.ListVersionsAsync(_ctx.Steward, Q("sales.revenue_job"), Ct));
        Assert.Equal("Only members of the sales domain can see its jobs.", denied.Message);
    }
}
