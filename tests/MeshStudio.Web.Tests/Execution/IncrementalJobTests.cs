using System.Globalization;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Execution.Incremental;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Execution;

/// <summary>
/// Jobs run incrementally against real DuckDB, files and SQLite: after events arrive in batches (out of order, some
/// late) and the job runs after each, the product equals the same SELECT run once over all accepted input.
/// </summary>
public sealed class IncrementalJobTests : IAsyncLifetime
{
    private ComponentTestContext _ctx = null!;

    public async Task InitializeAsync()
    {
        _ctx = await ComponentTestContext.CreateAsync();
        await DeployAsync("""
            CREATE SOURCE sales.orders (order_id VARCHAR, ts TIMESTAMP, customer VARCHAR, country VARCHAR, amount DOUBLE)
              WITH (format = 'json', ingest = 'http', event_time = 'ts', watermark = '1 minute');
            CREATE SOURCE sales.unordered (order_id VARCHAR, ts TIMESTAMP, customer VARCHAR, country VARCHAR, amount DOUBLE)
              WITH (format = 'json', ingest = 'http', event_time = 'ts');
            """);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Append_job_reads_only_new_events_and_equals_the_batch_result()
    {
        const string select = "SELECT order_id, customer, amount * 2 AS doubled FROM sales.orders WHERE amount > 0";
        await DeployAsync($"CREATE JOB sales.doubled_job AS INSERT INTO sales.doubled {select}");

        var outcomes = await IngestAndRunAsync("sales.doubled_job", batches: 4, perBatch: 25);

        Assert.All(outcomes, o => Assert.Equal("incremental (append)", o.Mode));
        Assert.All(outcomes, o => Assert.Equal(25, o.RowsIn));
        await AssertProductEqualsBatchAsync("sales.doubled", select);
    }

    [Fact]
    public async Task Windowed_aggregate_merges_runs_and_equals_the_batch_result_with_out_of_order_events()
    {
        const string select = """
            SELECT window_start, country, sum(amount) AS revenue, count(*) AS orders, max(ts) AS last_at, min(amount) AS smallest
            FROM TUMBLE(sales.unordered, ts, INTERVAL '1 minute') GROUP BY ALL
            """;
        await DeployAsync($"CREATE JOB sales.windows_job AS INSERT INTO sales.windows KEY (window_start, country) {select}");

        var outcomes = await IngestAndRunAsync("sales.windows_job", batches: 5, perBatch: 40, source: "sales.unordered");

        Assert.All(outcomes, o => Assert.Equal("incremental (merge)", o.Mode));
        await AssertProductEqualsBatchAsync("sales.windows", select);
    }

    [Fact]
    public async Task Keyed_job_upserts_the_latest_row_per_key()
    {
        const string select = "SELECT customer, order_id AS last_order, amount FROM sales.orders";
        await DeployAsync($"CREATE JOB sales.latest_job AS INSERT INTO sales.latest KEY (customer) {select}");

        var outcomes = await IngestAndRunAsync("sales.latest_job", batches: 3, perBatch: 30);

        Assert.All(outcomes, o => Assert.Equal("incremental (upsert)", o.Mode));
        var rows = await QueryAsync("SELECT customer, last_order FROM sales.latest ORDER BY customer");
        Assert.Equal(7, rows.Count); // customers c0..c6
        Assert.Contains(rows, r => r == "c0|o-2-28"); // the last order of c0 in the last batch (index 28 of batch 2)
    }

    [Fact]
    public async Task Job_that_cannot_merge_recomputes_fully_and_says_why()
    {
        const string select = "SELECT country, avg(amount) AS average FROM sales.orders GROUP BY ALL";
        await DeployAsync($"CREATE JOB sales.avg_job AS INSERT INTO sales.avg_by_country KEY (country) {select}");

        var outcomes = await IngestAndRunAsync("sales.avg_job", batches: 2, perBatch: 20);

        Assert.All(outcomes, o => Assert.StartsWith("full: ", o.Mode, StringComparison.Ordinal));
        Assert.Contains("avg()", outcomes[0].Mode, StringComparison.Ordinal);
        await AssertProductEqualsBatchAsync("sales.avg_by_country", select);
    }

    [Fact]
    public async Task Events_later_than_the_watermark_are_counted_quarantined_and_left_out()
    {
        const string select = "SELECT country, count(*) AS orders FROM sales.orders GROUP BY ALL";
        await DeployAsync($"CREATE JOB sales.counts_job AS INSERT INTO sales.counts KEY (country) {select}");
        await IngestAsync(Order("a1", "2026-03-01T10:00:00", "US"), Order("a2", "2026-03-01T10:10:00", "US"));
        await RunAsync("sales.counts_job");

        // the newest event time seen is 10:10 and the watermark 1 minute: 10:09:30 is on time, 10:05 is late
        await IngestAsync(Order("b1", "2026-03-01T10:09:30", "DE"), Order("late", "2026-03-01T10:05:00", "DE"));
        var outcome = await RunAsync("sales.counts_job");

        Assert.Equal(1, outcome.Expectations.Single(e => e.Name == IncrementalRun.LateEvents).Violations);
        await AssertProductEqualsBatchAsync("sales.counts", "SELECT country, count(*) AS orders FROM sales.orders WHERE order_id <> 'late' GROUP BY ALL");
        var quarantine = await _ctx.Get<QuarantineBrowser>().ReadAsync(await _ctx.UserAsync("sally"), ComponentTestContext.Q("sales.counts_job"), CancellationToken.None);
        Assert.Contains(quarantine!.Rows, r => r.Contains("late"));
    }

    [Fact]
    public async Task The_quarantine_browser_shows_rows_dropped_by_earlier_incremental_runs()
    {
        await DeployAsync("""
            CREATE JOB sales.positive_job AS INSERT INTO sales.positive SELECT order_id, amount FROM sales.orders
            WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
            """);
        await IngestAsync(Order("neg", "2026-03-01T10:00:00", "US", amount: -5), Order("ok1", "2026-03-01T10:00:01", "US"));
        await RunAsync("sales.positive_job");
        await IngestAsync(Order("ok2", "2026-03-01T10:00:02", "US"));
        var second = await RunAsync("sales.positive_job");

        Assert.Equal(0, second.Expectations.Single(e => e.Name == "positive_amount").Violations);
        var quarantine = await _ctx.Get<QuarantineBrowser>().ReadAsync(await _ctx.UserAsync("sally"), ComponentTestContext.Q("sales.positive_job"), CancellationToken.None);
        Assert.Contains(quarantine!.Rows, r => r.Contains("neg"));
        Assert.Equal(["ok1", "ok2"], (await QueryAsync("SELECT order_id FROM sales.positive")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_idle_run_writes_nothing_and_a_backfill_rebuilds_without_counting_twice()
    {
        const string select = "SELECT count(*) AS orders, sum(amount) AS total FROM sales.orders";
        await DeployAsync($"CREATE JOB sales.totals_job AS INSERT INTO sales.totals {select}");
        await IngestAndRunAsync("sales.totals_job", batches: 2, perBatch: 10);
        var before = await QueryAsync("SELECT orders FROM sales.totals");

        var idle = await RunAsync("sales.totals_job");
        Assert.True(idle.Idle);

        await SetCheckpointAsync("sales.totals_job", JobCheckpoint.BeginningText);
        var backfill = await RunAsync("sales.totals_job");
        Assert.Equal(20, backfill.RowsIn);
        Assert.Equal(before, await QueryAsync("SELECT orders FROM sales.totals"));
        await AssertProductEqualsBatchAsync("sales.totals", select);
    }

    [Fact]
    public async Task A_job_starting_from_now_skips_the_events_that_existed_before_it()
    {
        await IngestAsync(Order("old1", "2026-03-01T10:00:00", "US"), Order("old2", "2026-03-01T10:00:01", "US"));
        await DeployAsync("""
            CREATE JOB sales.fresh_job WITH (start_from = 'now') AS INSERT INTO sales.fresh
            SELECT order_id FROM sales.orders
            """);
        await IngestAsync(Order("new1", "2026-03-01T10:01:00", "US"));
        await RunAsync("sales.fresh_job");

        Assert.Equal(["new1"], await QueryAsync("SELECT order_id FROM sales.fresh"));
    }

    [Fact]
    public async Task Partitioned_product_is_written_as_hive_folders_and_reads_back_whole()
    {
        const string select = "SELECT order_id, country, amount FROM sales.orders";
        await DeployAsync($"CREATE JOB sales.parts_job WITH (partition_by = 'country') AS INSERT INTO sales.parts {select}");

        await IngestAndRunAsync("sales.parts_job", batches: 2, perBatch: 12);

        var grant = await _ctx.Get<MeshStudio.Application.Entitlements.EntitlementService>().GrantForAsync(await _ctx.UserAsync("sally"), CancellationToken.None);
        var folder = Path.Combine(_ctx.Root, "lake", grant.Relations.Single(r => r.Name == ComponentTestContext.Q("sales.parts")).Location!);
        Assert.Contains(Directory.GetDirectories(Path.Combine(folder, "data")), d => Path.GetFileName(d) == "country=US");
        await AssertProductEqualsBatchAsync("sales.parts", select, columns: "order_id, country, amount"); // partition columns come last
    }

    // ---- helpers ----

    private static readonly string[] Countries = ["US", "DE", "FR"];

    private static string Order(string id, string ts, string country, string customer = "c0", double amount = 1) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"order_id":"{{id}}","ts":"{{ts}}","customer":"{{customer}}","country":"{{country}}","amount":{{amount}}}""");

    /// <summary>
    /// Ingests <paramref name="batches"/> batches into sales.orders (event times in order), or into
    /// <paramref name="source"/> with event times out of order, and runs the job after each.
    /// </summary>
    private async Task<List<JobRunOutcome>> IngestAndRunAsync(string job, int batches, int perBatch, string? source = null)
    {
        var random = new Random(42);
        var outcomes = new List<JobRunOutcome>();
        for (var b = 0; b < batches; b++)
        {
            var events = Enumerable.Range(0, perBatch).Select(i =>
            {
                var minute = source is null ? b : random.Next(0, 6); // the source without a watermark gets events out of order
                var ts = new DateTime(2026, 3, 1, 10, minute, i % 60, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                return Order($"o-{b}-{i}", ts, Countries[(b + i) % 3], $"c{i % 7}", Math.Round(random.NextDouble() * 100 - 5, 2));
            }).ToArray();
            await _ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q(source ?? "sales.orders"), events, CancellationToken.None);
            var outcome = await RunAsync(job);
            Assert.True(outcome.Succeeded, outcome.Error?.ToString());
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private Task IngestAsync(params string[] events) =>
        _ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.orders"), events, CancellationToken.None);

    private Task<JobRunOutcome> RunAsync(string job) => _ctx.Get<JobRunner>().RunAsync(ComponentTestContext.Q(job), CancellationToken.None);

    private async Task DeployAsync(string script)
    {
        var result = await _ctx.Get<PipelineDeployer>().DeployAsync(await _ctx.UserAsync("sally"), "sales", script, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
    }

    private async Task SetCheckpointAsync(string job, string checkpoint)
    {
        var entity = await _ctx.Get<JobService>().FindAsync(ComponentTestContext.Q(job), CancellationToken.None);
        await using var db = await _ctx.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<MeshStudio.Catalog.MeshDbContext>>().CreateDbContextAsync();
        var tracked = await db.Jobs.FindAsync(entity!.Id);
        tracked!.Checkpoint = checkpoint;
        await db.SaveChangesAsync();
    }

    /// <summary>Rows as "a|b|c" strings, doubles rounded to 6 places so summation order does not matter.</summary>
    private async Task<List<string>> QueryAsync(string sql)
    {
        var grant = await _ctx.Get<MeshStudio.Application.Entitlements.EntitlementService>().GrantForAsync(await _ctx.UserAsync("sally"), CancellationToken.None);
        var rows = new List<string>();
        await foreach (var batch in _ctx.Get<IQueryEngine>().StreamAsync(grant, sql, 1000, CancellationToken.None))
        {
            rows.AddRange(batch.Rows.Select(r => string.Join("|", r.Select(v => v switch
            {
                double d => Math.Round(d, 6).ToString(CultureInfo.InvariantCulture),
                null => "∅",
                _ => Convert.ToString(v, CultureInfo.InvariantCulture),
            }))));
        }
        return rows;
    }

    private async Task AssertProductEqualsBatchAsync(string product, string select, string columns = "*")
    {
        var committed = (await QueryAsync($"SELECT {columns} FROM {product}")).Order(StringComparer.Ordinal).ToList();
        var oracle = (await QueryAsync(StreamingRewriterFor(select))).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(oracle);
        Assert.Equal(oracle, committed);
    }

    private static string StreamingRewriterFor(string select)
    {
        using var parser = new MeshStudio.Engine.Syntax.DuckDbSqlParser();
        return MeshStudio.Core.Dialect.StreamingRewriter.Rewrite(parser, select, _ => "ts").Sql;
    }
}
