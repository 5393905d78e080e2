using Bunit;
using MeshStudio.Application.Jobs;
using MeshStudio.Web.Features.Jobs;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Jobs;

public sealed class JobsPageTests
{
    [Fact]
    public async Task JobsPage_Member_RunsJobAndShowsItsRuns()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sam");
        var cut = ctx.Render<JobsPage>();

        var row = cut.WaitForTestId("job-row");
        Assert.Contains("sales.revenue_job", row.TextContent);
        Assert.Contains("sales.revenue", row.TextContent);
        Assert.Contains("healthy", row.TextContent);
        cut.ByTestId("run-job").Click();
        cut.WaitForAssertion(() => Assert.Contains("nothing new to read since its last run, so sales.revenue is unchanged", cut.ByTestId("message").TextContent), ComponentTestContext.Timeout);

        cut.ByTestId("toggle-runs").Click();

        var runs = await ctx.Get<JobService>().ListRunsAsync(ComponentTestContext.Q("sales.revenue_job"), JobsPage.RecentRuns, CancellationToken.None);
        // The deploy's run is recorded; Run now found nothing new, and an idle run records no run.
        Assert.NotEmpty(runs);
        cut.WaitForAssertion(() => Assert.Equal(runs.Count, cut.ByTestId("runs").QuerySelectorAll("tbody > tr").Length), ComponentTestContext.Timeout);
        Assert.Contains("succeeded", cut.ByTestId("runs").TextContent);
    }

    [Fact]
    public async Task JobsPage_Pause_MarksJobPaused()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sally");
        var cut = ctx.Render<JobsPage>();

        cut.WaitForTestId("pause-job").Click();

        cut.WaitForTestId("paused");
        Assert.Contains("Resume", cut.ByTestId("pause-job").TextContent);
        var job = Assert.Single(await ctx.Get<JobService>().ListAsync(await ctx.UserAsync("sally"), CancellationToken.None));
        Assert.True(job.IsPaused);
    }

    [Fact]
    public async Task JobsPage_Consumer_ExplainsThereAreNoJobs()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<JobsPage>();

        Assert.Contains("not a member", cut.WaitForTestId("no-jobs").TextContent);
    }
}
