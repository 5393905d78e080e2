using System.Globalization;
using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Execution.Incremental;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Engine;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Execution;

/// <summary>
/// Oracle: with a watermark, live incremental runs, a backfill of the same job and a job that recomputes fully all
/// leave out exactly the events that were late when they arrived — those older than the newest event time of every
/// earlier batch minus the watermark, computed here in C# from the batches.
/// </summary>
public sealed class LateEventReplayTests : IAsyncLifetime
{
    private const string Merged = "SELECT country, count(*) AS orders, sum(amount) AS revenue FROM sales.orders GROUP BY ALL";
    private const string Recomputed = "SELECT country, count(DISTINCT order_id) AS orders, sum(amount) AS revenue FROM sales.orders GROUP BY ALL";
    private static readonly TimeSpan Watermark = TimeSpan.FromMinutes(1);
    private ComponentTestContext _ctx = null!;

    private sealed record Order(string Id, DateTime Ts, string Country, long Amount);

    public async Task InitializeAsync()
    {
        _ctx = await ComponentTestContext.CreateAsync();
        await DeployAsync($"""
            CREATE SOURCE sales.orders (order_id VARCHAR, ts TIMESTAMP, country VARCHAR, amount BIGINT)
              WITH (format = 'json', ingest = 'http', event_time = 'ts', watermark = '1 minute');
            CREATE JOB sales.merged_job AS INSERT INTO sales.merged KEY (country) {Merged};
            CREATE JOB sales.recomputed_job AS INSERT INTO sales.recomputed KEY (country) {Recomputed};
            """);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>Six batches moving forward in time; from the second on, a few events from minutes back, some late.</summary>
    private static List<Order[]> Batches()
    {
        var random = new Random(7);
        var start = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var countries = new[] { "US", "DE", "FR" };
        return Enumerable.Range(0, 6).Select(b => Enumerable.Range(0, 15).Select(i =>
        {
            // within a batch, times spread over two minutes: a batch's own events are never late against each other
            var ts = start.AddSeconds((b * 90) + random.Next(0, 120));
            if (b > 0 && i % 5 == 0)
                ts = start.AddSeconds((b * 90) - random.Next(0, 150)); // arrives late-ish: late when older than the watermark
            return new Order($"o-{b}-{i}", ts, countries[random.Next(3)], random.Next(1, 1000));
        }).ToArray()).ToList();
    }

    /// <summary>The ids late on arrival: older than the newest time of all earlier batches minus the watermark.</summary>
    private static HashSet<string> LateOracle(List<Order[]> batches)
    {
        var late = new HashSet<string>(StringComparer.Ordinal);
        DateTime? newest = null;
        foreach (var batch in batches)
        {
            late.UnionWith(batch.Where(o => o.Ts < newest - Watermark).Select(o => o.Id));
            var max = batch.Max(o => o.Ts);
            newest = newest is { } n && n > max ? n : max;
        }
        return late;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the batches merged into one file by compaction before the backfill
    public async Task RequestBackfillAsync_AfterLiveRunsWithLateEvents_GivesTheLiveProductAndLateCount(bool compacted)
    {
        var batches = Batches();
        var late = LateOracle(batches);
        var liveLate = 0L;
        var recomputedLate = 0L;
        foreach (var batch in batches)
        {
            await IngestAsync(batch);
            liveLate += LateCount(await RunAsync("sales.merged_job"));
            recomputedLate = LateCount(await RunAsync("sales.recomputed_job")); // reads all input: counts every late event
        }
        var live = await RowsAsync("sales.merged");

        if (compacted)
        {
            var compactor = new SegmentCompactor(_ctx.Get<LakeOptions>(), TimeProvider.System, new CompactionSettings { SettleTime = TimeSpan.Zero, MinFiles = 2 });
            Assert.Equal(batches.Count, await compactor.CompactAsync(ComponentTestContext.Q("sales.orders"), CancellationToken.None));
        }

        var sally = await _ctx.UserAsync("sally");
        await _ctx.Get<JobService>().RequestBackfillAsync(sally, ComponentTestContext.Q("sales.merged_job"), CancellationToken.None);
        var backfill = await RunAsync("sales.merged_job");

        Assert.InRange(late.Count, 3, 20);
        Assert.Equal(late.Count, liveLate);
        Assert.Equal(late.Count, LateCount(backfill));
        Assert.Equal(late.Count, recomputedLate);
        var inList = string.Join(", ", late.Select(id => $"'{id}'"));
        var oracle = await RowsAsync($"({Merged.Replace("FROM sales.orders", $"FROM sales.orders WHERE order_id NOT IN ({inList})", StringComparison.Ordinal)})");
        Assert.Equal(oracle, live);
        Assert.Equal(live, await RowsAsync("sales.merged"));
        Assert.Equal(live, await RowsAsync("sales.recomputed"));
    }

    [Fact]
    public async Task RunAsync_OneBatchSpanningMoreThanTheWatermark_KeepsAllItsEvents()
    {
        var start = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        await IngestAsync([new Order("a", start.AddMinutes(10), "US", 1), new Order("b", start, "US", 2)]);

        var outcome = await RunAsync("sales.merged_job");

        Assert.Equal(0, LateCount(outcome));
        Assert.Equal(["US|2|3"], await RowsAsync("sales.merged"));
    }

    private static long LateCount(JobRunOutcome outcome) =>
        outcome.Expectations.SingleOrDefault(e => e.Name == IncrementalRun.LateEvents)?.Violations ?? 0;

    private Task IngestAsync(IEnumerable<Order> orders) =>
        _ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.orders"),
            orders.Select(o => string.Create(CultureInfo.InvariantCulture,
                $$"""{"order_id":"{{o.Id}}","ts":"{{o.Ts:yyyy-MM-dd HH:mm:ss}}","country":"{{o.Country}}","amount":{{o.Amount}}}""")).ToArray(),
            CancellationToken.None);

    private async Task<JobRunOutcome> RunAsync(string job)
    {
        var outcome = await _ctx.Get<JobRunner>().RunAsync(ComponentTestContext.Q(job), CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return outcome;
    }

    private async Task DeployAsync(string script)
    {
        var result = await _ctx.Get<PipelineDeployer>().DeployAsync(await _ctx.UserAsync("sally"), "sales", script, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
    }

    /// <summary>The rows of a relation as "country|orders|revenue", ordered.</summary>
    private async Task<List<string>> RowsAsync(string relation)
    {
        var grant = await _ctx.Get<EntitlementService>().GrantForAsync(await _ctx.UserAsync("sally"), CancellationToken.None);
        var rows = new List<string>();
        await foreach (var batch in _ctx.Get<IQueryEngine>().StreamAsync(grant,
                           $"SELECT country || '|' || orders || '|' || revenue FROM {relation} AS r ORDER BY 1", 1000, CancellationToken.None))
            rows.AddRange(batch.Rows.Select(r => (string)r[0]!));
        return rows;
    }
}
