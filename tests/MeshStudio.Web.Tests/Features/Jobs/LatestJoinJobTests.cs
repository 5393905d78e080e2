using System.Globalization;
using MeshStudio.Application.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Jobs;

/// <summary>JOIN LATEST through the deployer, the job runner (event time from the catalog) and the execution service.</summary>
public sealed class LatestJoinJobTests
{
    private static async Task DeployRatesAsync(ComponentTestContext ctx)
    {
        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", """
            CREATE SOURCE sales.rates (country VARCHAR, valid_from TIMESTAMP, rate DOUBLE)
              WITH (format = 'json', ingest = 'http', event_time = 'valid_from');
            """, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
        // ingested out of event-time order: the latest US rate (3) arrives before an older one (1)
        await ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.rates"),
        [
            """{"country":"US","valid_from":"2026-03-01T09:00:00","rate":2}""",
            """{"country":"US","valid_from":"2026-03-01T11:00:00","rate":3}""",
            """{"country":"DE","valid_from":"2026-03-01T10:30:00","rate":0.5}""",
            """{"country":"US","valid_from":"2026-03-01T08:00:00","rate":1}""",
        ], CancellationToken.None);
    }

    [Fact]
    public async Task DeployAsync_JobWithJoinLatest_JoinsEachOrderToLatestRateByEventTime()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await DeployRatesAsync(ctx);

        // orders: o1 US 10.5, o2 DE 20, o3 US 5
        await ctx.DeploySalesProductAsync("converted", """
            KEY (order_id)
            SELECT o.order_id, o.amount * r.rate AS converted
            FROM sales.orders o JOIN LATEST sales.rates r ON r.country = o.country
            """);

        var result = await ctx.Get<ExecutionService>().QueryAllAsync(await ctx.UserAsync("sally"),
            "SELECT order_id, converted FROM sales.converted ORDER BY 1", 100, CancellationToken.None);

        Assert.Equal(["o1 31.5", "o2 10", "o3 15"],
            result.Rows.Select(r => string.Join(' ', r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public async Task DeployAsync_JoinLatestWithoutKeyEquality_ReportsErrorAtOnInScript()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await DeployRatesAsync(ctx);
        const string script = "CREATE JOB sales.bad_job AS INSERT INTO sales.bad\nSELECT * FROM sales.orders o JOIN LATEST sales.rates r ON r.valid_from <= o.ts";

        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", script, CancellationToken.None);

        var outcome = Assert.Single(result.Statements);
        Assert.False(outcome.Succeeded);
        Assert.Contains("JOIN LATEST needs an equality on the key of sales.rates", outcome.Message, StringComparison.Ordinal);
        Assert.Equal((2, script.Split('\n')[1].IndexOf("ON", StringComparison.Ordinal) + 1), (outcome.Error!.Line!.Value, outcome.Error.Column!.Value));
    }

    [Fact]
    public async Task QueryAllAsync_LeftJoinLatest_KeepsOrdersWithoutRate()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await DeployRatesAsync(ctx);

        var result = await ctx.Get<ExecutionService>().QueryAllAsync(await ctx.UserAsync("sally"),
            "SELECT o.order_id, r.rate FROM sales.orders o LEFT JOIN LATEST sales.rates r ON o.country = r.country AND r.country <> 'DE' ORDER BY 1",
            10, CancellationToken.None);

        Assert.Equal(["o1 3", "o2 ", "o3 3"],
            result.Rows.Select(r => string.Join(' ', r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }
}
