using System.Globalization;
using Bunit;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Ingestion;
using MeshStudio.Web.Features.Jobs;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Jobs;

/// <summary>WITH EXPECTATION through the deployer, the job runner, the catalog and the Jobs page, on real DuckDB and SQLite.</summary>
public sealed class ExpectationJobTests
{
    /// <summary>The orders after <see cref="ArrangeAsync"/>: the three of the test context plus three bad ones.</summary>
    private static readonly (string Id, string Country, double? Amount)[] Orders =
    [
        ("o1", "US", 10.5), ("o2", "DE", 20.0), ("o3", "US", 5.0), ("o4", "US", -3.0), ("o5", "DE", -7.5), ("o6", "NL", null),
    ];

    private const string Select = "SELECT country, sum(amount) AS revenue, count(*) AS orders FROM sales.orders GROUP BY country";

    private static string Job(string expectations) =>
        $"CREATE JOB sales.checked_job AS INSERT INTO sales.checked KEY (country)\n{Select}\n{expectations}";

    private static async Task ArrangeAsync(ComponentTestContext ctx)
    {
        await ctx.DeployRevenueAsync();
        await ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.orders"),
        [
            """{"order_id":"o4","ts":"2026-03-01T10:03:00","country":"US","amount":-3.0,"email":"d@example.com"}""",
            """{"order_id":"o5","ts":"2026-03-01T10:04:00","country":"DE","amount":-7.5,"email":"e@example.com"}""",
            """{"order_id":"o6","ts":"2026-03-01T10:05:00","country":"NL","amount":null,"email":"f@example.com"}""",
        ], CancellationToken.None);
    }

    private static async Task<DeployResult> DeployAsync(ComponentTestContext ctx, string script) =>
        await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", script, CancellationToken.None);

    private static async Task<List<string>> CheckedRowsAsync(ComponentTestContext ctx)
    {
        var result = await ctx.Get<ExecutionService>().QueryAllAsync(await ctx.UserAsync("sally"),
            "SELECT country, revenue, orders FROM sales.checked ORDER BY country", 100, CancellationToken.None);
        return result.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]} {Convert.ToDouble(r[1] ?? 0.0, CultureInfo.InvariantCulture)} {r[2]}")).ToList();
    }

    private static List<string> Oracle(Func<(string Id, string Country, double? Amount), bool> keep) =>
        Orders.Where(keep).GroupBy(o => o.Country).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(o => o.Amount ?? 0)} {g.Count()}"))
            .ToList();

    [Fact]
    public async Task DeployAsync_DropExpectation_AggregatesOnlyValidOrdersAndQuarantinesTheOthers()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);

        var result = await DeployAsync(ctx, Job("WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP"));

        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
        Assert.Equal(Oracle(o => o.Amount is null || o.Amount >= 0), await CheckedRowsAsync(ctx));
        var run = Assert.Single(await ctx.Get<JobService>().ListRunsAsync(ComponentTestContext.Q("sales.checked_job"), 5, CancellationToken.None));
        Assert.Equal([("positive_amount", ExpectationAction.Drop, 2L)], run.Expectations.Select(e => (e.Name, e.Action, e.Violations)));
        var quarantine = await ctx.Get<QuarantineBrowser>().ReadAsync(await ctx.UserAsync("sam"), ComponentTestContext.Q("sales.checked_job"), CancellationToken.None);
        Assert.NotNull(quarantine);
        Assert.Equal(["_run", "_expectation"], quarantine.Columns.Take(2).Select(c => c.Name));
        var id = quarantine.Columns.Select(c => c.Name).ToList().IndexOf("order_id");
        Assert.Equal(["o4", "o5"], quarantine.Rows.Select(r => (string)r[id]!).Order(StringComparer.Ordinal));
        Assert.All(quarantine.Rows, r => Assert.Equal("positive_amount", r[1]));
    }

    [Fact]
    public async Task ReadAsync_QuarantineOfOtherDomain_IsDenied()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        Assert.True((await DeployAsync(ctx, Job("WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP"))).Succeeded);

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await ctx.Get<QuarantineBrowser>().ReadAsync(await ctx.UserAsync("carl"), ComponentTestContext.Q("sales.checked_job"), CancellationToken.None));
    }

    [Fact]
    public async Task DeployAsync_WarnExpectation_KeepsRowsAndCounts()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);

        var result = await DeployAsync(ctx, Job("""
            WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION WARN
            WITH EXPECTATION has_amount EXPECT amount IS NOT NULL ON VIOLATION WARN
            """));

        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
        Assert.Equal(Oracle(_ => true), await CheckedRowsAsync(ctx));
        var run = Assert.Single(await ctx.Get<JobService>().ListRunsAsync(ComponentTestContext.Q("sales.checked_job"), 5, CancellationToken.None));
        Assert.Equal([2L, 1L], run.Expectations.Select(e => e.Violations));
        Assert.Null(run.QuarantineLocation);
    }

    [Fact]
    public async Task RunAsync_FailExpectationViolated_FailsWithMessageAndKeepsPreviousSnapshot()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        Assert.True((await DeployAsync(ctx, Job("WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP"))).Succeeded);
        var before = await CheckedRowsAsync(ctx);

        var result = await DeployAsync(ctx, Job("WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION FAIL"));

        var outcome = Assert.Single(result.Statements);
        Assert.False(outcome.Succeeded);
        Assert.Contains("Expectation positive_amount failed on 2 input rows of sales.orders (e.g. {", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CheckedRowsAsync(ctx));
        var runs = await ctx.Get<JobService>().ListRunsAsync(ComponentTestContext.Q("sales.checked_job"), 5, CancellationToken.None);
        Assert.Equal([false, true], runs.Select(r => r.Succeeded));
        Assert.Equal([("positive_amount", ExpectationAction.Fail, 2L)], runs[0].Expectations.Select(e => (e.Name, e.Action, e.Violations)));
    }

    [Fact]
    public async Task DeployAsync_PredicateWithUnknownColumn_ReportsErrorAtItsPositionInScript()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        var script = "CREATE SOURCE sales.extra (id VARCHAR) WITH (format = 'json', ingest = 'http');\n"
            + Job("WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP\nWITH EXPECTATION typo EXPECT  amout > 0 ON VIOLATION WARN");

        var result = await DeployAsync(ctx, script);

        var job = result.Statements[^1];
        Assert.False(job.Succeeded);
        Assert.Contains("Expectation typo", job.Message, StringComparison.Ordinal);
        Assert.Contains("amout", job.Message, StringComparison.Ordinal);
        var lines = script.Split('\n');
        Assert.Equal((lines.Length, lines[^1].IndexOf("amout", StringComparison.Ordinal) + 1), (job.Error!.Line!.Value, job.Error.Column!.Value));
        Assert.Empty(await ctx.Get<JobService>().ListRunsAsync(ComponentTestContext.Q("sales.checked_job"), 5, CancellationToken.None));
    }

    [Fact]
    public async Task JobsPage_DropJob_ShowsCountersAndQuarantinedRows()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        Assert.True((await DeployAsync(ctx, Job("""
            WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
            WITH EXPECTATION has_amount EXPECT amount IS NOT NULL ON VIOLATION WARN
            """))).Succeeded);
        ctx.SignIn("sam");

        var cut = ctx.Render<JobsPage>();

        cut.WaitForTestId("expectations");
        Assert.Equal(["positive_amount · DROP · 2 violations", "has_amount · WARN · 1 violation"],
            cut.FindAll("[data-testid='expectation']").Select(e => e.TextContent.Trim()));
        cut.ByTestId("show-quarantine").Click();
        var table = cut.WaitForTestId("quarantine");
        Assert.Equal(2, table.QuerySelectorAll("tbody > tr").Length);
        Assert.Contains("o4", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("o5", table.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("o1", table.TextContent, StringComparison.Ordinal);
    }
}
