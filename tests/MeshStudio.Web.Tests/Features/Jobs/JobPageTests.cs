using Bunit;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products;
using MeshStudio.Web.Features.Jobs;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Jobs;

public sealed class JobPageTests
{
    private const string Alter = """
        ALTER JOB sales.revenue_job WITH (run_interval = '1 minute') AS
        INSERT INTO sales.revenue KEY (country)
        SELECT country, sum(amount) AS revenue, count(*) AS orders, max(amount) AS biggest
        FROM sales.orders GROUP BY country
        WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
        """;

    private static async Task<ComponentTestContext> ArrangeAsync()
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        var altered = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", Alter, CancellationToken.None);
        Assert.True(altered.Succeeded, string.Join(" ", altered.Statements.Select(s => s.Message)));
        return ctx;
    }

    private static IRenderedComponent<JobPage> Render(ComponentTestContext ctx, string name = "revenue_job") =>
        ctx.Render<JobPage>(p => p.Add(c => c.Domain, "sales").Add(c => c.Name, name));

    [Fact]
    public async Task JobPage_Member_SeesStateFreshnessRunsChartsAndTheDiffOfTheLastVersion()
    {
        await using var ctx = await ArrangeAsync();
        ctx.SignIn("sam");

        var cut = Render(ctx);

        Assert.Equal("sales.revenue_job", cut.WaitForTestId("job-title").TextContent);
        Assert.Equal("running", cut.ByTestId("job-state").TextContent);
        Assert.Equal("healthy", cut.ByTestId("job-status").TextContent);
        Assert.Equal("v2", cut.ByTestId("job-version").TextContent);
        Assert.Equal("sales.revenue", cut.ByTestId("job-product").TextContent);
        Assert.StartsWith("fresh", cut.ByTestId("freshness-status").TextContent, StringComparison.Ordinal);
        Assert.Contains("3× the run interval (3 min)", cut.ByTestId("freshness").TextContent, StringComparison.Ordinal);
        Assert.Contains("positive_amount · DROP · 0 violations", cut.ByTestId("expectations").TextContent, StringComparison.Ordinal);
        var runs = cut.FindAll("[data-testid='run-row']");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Contains("succeeded", r.TextContent, StringComparison.Ordinal));
        Assert.Contains("3", runs[0].Children[2].TextContent, StringComparison.Ordinal);
        cut.ByTestId("throughput-chart");
        cut.ByTestId("latency-chart");
        Assert.Equal(2, cut.FindAll("[data-testid='version']").Count);
        var diff = cut.ByTestId("version-diff");
        Assert.Contains("+ SELECT country, sum(amount) AS revenue, count(*) AS orders, max(amount) AS biggest", diff.TextContent, StringComparison.Ordinal);
        Assert.Contains("− CREATE JOB sales.revenue_job AS INSERT INTO sales.revenue KEY (country) SELECT", diff.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(diff.QuerySelectorAll(".added"));
        Assert.NotEmpty(diff.QuerySelectorAll(".removed"));

        cut.FindAll("[data-testid='version']")[1].Click();

        Assert.Contains("is the first", cut.ByTestId("versions").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobPage_Author_PausesBackfillsAfterConfirmingAndDrops()
    {
        await using var ctx = await ArrangeAsync();
        ctx.SignIn("sally");
        var cut = Render(ctx);

        cut.WaitForTestId("pause-job").Click();
        cut.WaitForAssertion(() => Assert.Equal("paused", cut.ByTestId("job-state").TextContent), ComponentTestContext.Timeout);
        Assert.Equal("Resume", cut.ByTestId("pause-job").TextContent.Trim());

        cut.ByTestId("backfill-job").Click();
        Assert.Contains("from the beginning", cut.ByTestId("confirm-backfill").TextContent, StringComparison.Ordinal);
        cut.ByTestId("confirm-backfill-yes").Click();
        cut.WaitForAssertion(() => Assert.Contains("backfilled", cut.ByTestId("message").TextContent, StringComparison.Ordinal), ComponentTestContext.Timeout);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='run-row']").Count), ComponentTestContext.Timeout);
        var runs = await ctx.Get<JobService>().ListRunsAsync(ComponentTestContext.Q("sales.revenue_job"), 10, CancellationToken.None);
        Assert.Equal(3, runs.Count);

        cut.ByTestId("drop-job").Click();
        cut.ByTestId("confirm-drop-yes").Click();

        cut.WaitForAssertion(() => Assert.Contains("keeps its data", cut.ByTestId("job-dropped").TextContent, StringComparison.Ordinal), ComponentTestContext.Timeout);
        Assert.Null(await ctx.Get<JobService>().FindAsync(ComponentTestContext.Q("sales.revenue_job"), CancellationToken.None));
        var product = await ctx.Get<ProductService>().GetAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.revenue"), CancellationToken.None);
        Assert.Equal(2, product!.RowCount);
    }

    [Fact]
    public async Task JobPage_JobWithAFreshnessSla_IsMeasuredAgainstIt()
    {
        await using var ctx = await ArrangeAsync();
        var sla = Alter.Replace("WITH (run_interval = '1 minute')", "WITH (run_interval = '1 minute', freshness_sla = '10 minutes')", StringComparison.Ordinal);
        var altered = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", sla, CancellationToken.None);
        Assert.True(altered.Succeeded, string.Join(" ", altered.Statements.Select(s => s.Message)));
        ctx.SignIn("sam");

        var cut = Render(ctx);

        cut.WaitForAssertion(() => Assert.Contains("SLA: updated within 10 min", cut.ByTestId("freshness").TextContent, StringComparison.Ordinal), ComponentTestContext.Timeout);
        Assert.StartsWith("fresh", cut.ByTestId("freshness-status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobPage_FailedRun_ShowsTheErrorAtItsSqlPosition()
    {
        await using var ctx = await ArrangeAsync();
        var job = (await ctx.Get<JobService>().FindAsync(ComponentTestContext.Q("sales.revenue_job"), CancellationToken.None))!;
        var now = DateTime.UtcNow;
        await ctx.Get<JobService>().RecordRunAsync(job.Id, now, now.AddMilliseconds(20), 0,
            "Binder Error: Referenced column \"amout\" not found (line 3, column 52)", CancellationToken.None);
        ctx.SignIn("sam");

        var cut = Render(ctx);

        Assert.Equal("failing", cut.WaitForTestId("job-status").TextContent);
        Assert.Equal("Binder Error: Referenced column \"amout\" not found", cut.ByTestId("job-error-message").TextContent);
        Assert.Equal("Line 3, column 52 of the job's SQL:", cut.ByTestId("job-error-position").TextContent);
        var hit = cut.ByTestId("job-error").QuerySelector(".hit")!.TextContent;
        Assert.Equal("3SELECT country, sum(amount) AS revenue, count(*) AS orders, max(amount) AS biggest", hit);
        Assert.Equal(new string(' ', 51) + "^", cut.ByTestId("error-caret").TextContent);
    }

    [Theory]
    [InlineData("mia")]
    [InlineData("carl")]
    public async Task JobPage_NonMember_IsTurnedAwayWithoutTheJob(string user)
    {
        await using var ctx = await ArrangeAsync();
        ctx.SignIn(user);

        var cut = Render(ctx);

        Assert.Equal("Only members of the sales domain can see its jobs.", cut.WaitForTestId("job-denied").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='run-job']"));
        Assert.DoesNotContain("sum(amount)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobPage_MissingJob_SaysSo()
    {
        await using var ctx = await ArrangeAsync();
        ctx.SignIn("sam");

        var cut = Render(ctx, "nope_job");

        Assert.Contains("There is no job sales.nope_job", cut.WaitForTestId("not-found").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsPage_RowsLinkToTheJobPage()
    {
        await using var ctx = await ArrangeAsync();
        ctx.SignIn("sam");

        var cut = ctx.Render<JobsPage>();

        Assert.Equal("/jobs/sales/revenue_job", cut.WaitForTestId("job-link").GetAttribute("href"));
    }
}
