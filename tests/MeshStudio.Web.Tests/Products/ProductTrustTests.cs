using MeshStudio.Application.Execution;
using MeshStudio.Application.Products.Trust;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products.Trust;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Web.Tests.Products;

/// <summary>Trust status from real job runs (DuckDB writes, SQLite records): expectations, the job's state and freshness.</summary>
public sealed class ProductTrustTests
{
    private const string Select = "SELECT country, sum(amount) AS revenue, count(*) AS orders FROM sales.orders GROUP BY country";

    private static async Task DeployAsync(ComponentTestContext ctx, string options, string expectations = "")
    {
        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales",
            $"CREATE JOB sales.checked_job {options} AS INSERT INTO sales.checked KEY (country)\n{Select}\n{expectations}", CancellationToken.None);
        Assert.True(result.Statements.Count > 0);
    }

    /// <summary>The test context's three good orders (through the revenue product) plus two with a negative amount.</summary>
    private static async Task ArrangeAsync(ComponentTestContext ctx)
    {
        await ctx.DeployRevenueAsync();
        await ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.orders"),
        [
            """{"order_id":"o4","ts":"2026-03-01T10:03:00","country":"US","amount":-3.0,"email":"d@example.com"}""",
            """{"order_id":"o5","ts":"2026-03-01T10:04:00","country":"DE","amount":-7.5,"email":"e@example.com"}""",
        ], CancellationToken.None);
    }

    private static async Task<ProductTrustView> TrustAsync(ComponentTestContext ctx, ProductTrust? trust = null) =>
        await (trust ?? ctx.Get<ProductTrust>()).GetAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.checked"), CancellationToken.None)
        ?? throw new InvalidOperationException("sally sees her domain's product");

    [Fact]
    public async Task GetAsync_CleanRuns_IsHealthyWithReasons()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        await DeployAsync(ctx, "WITH (run_interval = '1 hour')", "WITH EXPECTATION has_country EXPECT country IS NOT NULL ON VIOLATION DROP");

        var trust = await TrustAsync(ctx);

        Assert.Equal(TrustStatus.Healthy, trust.Status);
        Assert.Equal(7200, trust.FreshnessSlaSeconds);
        Assert.Equal(1.0, trust.PassRate);
        Assert.Contains(trust.Reasons, r => r is { Signal: TrustSignal.Freshness, Status: TrustStatus.Healthy });
        Assert.Contains(trust.Reasons, r => r is { Signal: TrustSignal.Job, Status: TrustStatus.Healthy });
        Assert.Contains(trust.Reasons, r => r.Message == "100 % of input rows passed the expectations over the last 1 run.");
    }

    [Fact]
    public async Task GetAsync_DropExpectationQuarantines_IsDegraded()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        await DeployAsync(ctx, "", "WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP");

        var trust = await TrustAsync(ctx);

        Assert.Equal(TrustStatus.Degraded, trust.Status);
        Assert.Equal("Expectation positive_amount quarantined 2 rows in the last run.", trust.Reasons[0].Message);
        Assert.Equal(0.6, trust.PassRate);
    }

    [Fact]
    public async Task GetAsync_FailExpectationViolated_TurnsFailing()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        await DeployAsync(ctx, "", "WITH EXPECTATION has_country EXPECT country IS NOT NULL ON VIOLATION DROP");
        Assert.Equal(TrustStatus.Healthy, (await TrustAsync(ctx)).Status);

        await DeployAsync(ctx, "", "WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION FAIL");

        var trust = await TrustAsync(ctx);
        Assert.Equal(TrustStatus.Failing, trust.Status);
        Assert.Contains(trust.Reasons, r => r is { Signal: TrustSignal.Job, Status: TrustStatus.Failing });
        Assert.Contains(trust.Reasons, r => r.Message == "Expectation positive_amount failed on 2 rows in the last run, which stopped it.");
    }

    [Fact]
    public async Task GetAsync_PastTheFreshnessSla_TurnsFailing()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        await DeployAsync(ctx, "WITH (run_interval = '5 minutes')");
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(11));

        var trust = await TrustAsync(ctx, ActivatorUtilities.CreateInstance<ProductTrust>(ctx.Bunit.Services, (TimeProvider)later));

        Assert.Equal(TrustStatus.Failing, trust.Status);
        var stale = trust.Reasons[0];
        Assert.Equal((TrustSignal.Freshness, TrustStatus.Failing), (stale.Signal, stale.Status));
        Assert.Equal("Stale: last up to date 11 min ago, past the contract's freshness SLA of 10 min.", stale.Message);
    }

    [Fact]
    public async Task ForPublishedAsync_DraftProduct_IsLeftOutAndHiddenFromOutsiders()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ArrangeAsync(ctx);
        await ctx.PublishAsync("sales.revenue", "Revenue", "Revenue per country from the web shop's orders, updated by the job.", "revenue");
        await DeployAsync(ctx, "");
        var trust = ctx.Get<ProductTrust>();

        var published = await trust.ForPublishedAsync(null, CancellationToken.None);

        Assert.Equal(["sales.revenue"], published.Keys.Select(k => k.ToString()));
        Assert.Null(await trust.GetAsync(await ctx.UserAsync("carl"), ComponentTestContext.Q("sales.checked"), CancellationToken.None));
    }
}
