using System.Globalization;
using MeshStudio.Application.Execution;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Jobs;

/// <summary>Window table functions through the deployer, the job runner and the execution service.</summary>
public sealed class WindowJobTests
{
    [Fact]
    public async Task DeployAsync_JobWithHop_WritesOneRowPerWindowAndCountry()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();

        // orders: 10:00 US 10.5, 10:01 DE 20, 10:02 US 5; windows of 2 minutes every minute
        await ctx.DeploySalesProductAsync("revenue_hop", """
            KEY (window_start, country)
            SELECT window_start, window_end, country, sum(amount) AS revenue, count(*) AS orders
            FROM HOP(sales.orders, ts, INTERVAL '1 minute', INTERVAL '2 minutes') AS h
            GROUP BY ALL
            """);

        var result = await ctx.Get<ExecutionService>().QueryAllAsync(await ctx.UserAsync("sally"),
            "SELECT strftime(window_start, '%H:%M') || '-' || strftime(window_end, '%H:%M'), country, revenue, orders FROM sales.revenue_hop ORDER BY 1, 2",
            100, CancellationToken.None);

        Assert.Equal(
        [
            "09:59-10:01 US 10.5 1", "10:00-10:02 DE 20 1", "10:00-10:02 US 10.5 1",
            "10:01-10:03 DE 20 1", "10:01-10:03 US 5 1", "10:02-10:04 US 5 1",
        ], result.Rows.Select(r => string.Join(' ', r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public async Task QueryAllAsync_TumbleAndSession_AddWindowColumns()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        var execution = ctx.Get<ExecutionService>();
        var sally = await ctx.UserAsync("sally");

        var tumble = await execution.QueryAllAsync(sally,
            "SELECT strftime(window_start, '%H:%M'), count(*) FROM TUMBLE(sales.orders, ts, INTERVAL 2 MINUTE) GROUP BY ALL ORDER BY 1",
            10, CancellationToken.None);
        var session = await execution.QueryAllAsync(sally,
            "SELECT country, strftime(window_start, '%H:%M'), strftime(window_end, '%H:%M'), count(*) FROM SESSION(sales.orders, ts, INTERVAL '90 seconds', country) GROUP BY ALL ORDER BY 1, 2",
            10, CancellationToken.None);

        Assert.Equal(["10:00 2", "10:02 1"], tumble.Rows.Select(r => $"{r[0]} {r[1]}"));
        Assert.Equal(["DE 10:01 10:02 1", "US 10:00 10:01 1", "US 10:02 10:03 1"], session.Rows.Select(r => string.Join(' ', r)));
    }

    [Fact]
    public async Task DeployAsync_HopSizeNotMultipleOfSlide_ReportsErrorAtSizeInScript()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        const string script = "CREATE JOB sales.bad_job AS INSERT INTO sales.bad\nSELECT * FROM HOP(sales.orders, ts, INTERVAL '2 minutes', INTERVAL '3 minutes')";

        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", script, CancellationToken.None);

        var outcome = Assert.Single(result.Statements);
        Assert.False(outcome.Succeeded);
        Assert.Contains("must be a multiple of the slide", outcome.Message, StringComparison.Ordinal);
        Assert.Equal((2, script.Split('\n')[1].IndexOf("INTERVAL '3", StringComparison.Ordinal) + 1), (outcome.Error!.Line!.Value, outcome.Error.Column!.Value));
    }

    [Fact]
    public async Task ValidateAsync_UnknownColumnAfterWindowCall_IsPositionedInUserText()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        const string query = "SELECT window_start FROM TUMBLE(sales.orders, ts, INTERVAL '1 minute') t WHERE bogus > 0";

        var error = await ctx.Get<ExecutionService>().ValidateAsync(await ctx.UserAsync("sally"), query, CancellationToken.None);

        Assert.NotNull(error);
        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, query.IndexOf("bogus", StringComparison.Ordinal) + 1), (error.Line!.Value, error.Column!.Value));
    }
}
