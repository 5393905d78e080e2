using Bunit;
using MeshStudio.Application.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Catalog;

/// <summary>The trust status as consumers see it: the panel on the product page and the chip on marketplace cards.</summary>
public sealed class ProductTrustPanelTests
{
    private static async Task DeployQuarantiningAsync(ComponentTestContext ctx)
    {
        await ctx.DeployRevenueAsync();
        await ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.orders"),
            ["""{"order_id":"o4","ts":"2026-03-01T10:03:00","country":"US","amount":-3.0,"email":"d@example.com"}"""], CancellationToken.None);
        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", """
            CREATE JOB sales.checked_job WITH (run_interval = '1 hour') AS INSERT INTO sales.checked KEY (country)
            SELECT country, sum(amount) AS revenue FROM sales.orders GROUP BY country
            WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
            """, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
    }

    [Fact]
    public async Task ProductTrustPanel_QuarantinedRows_ShowsDegradedWithEveryReason()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await DeployQuarantiningAsync(ctx);
        ctx.SignIn("sam");

        var cut = ctx.Render<ProductTrustPanel>(p => p.Add(x => x.Product, ComponentTestContext.Q("sales.checked")));

        cut.WaitForAssertion(() => Assert.Equal("Degraded", cut.ByTestId("trust-chip").GetAttribute("data-status")), ComponentTestContext.Timeout);
        var reasons = cut.FindAll("[data-testid='trust-reasons'] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal("Quality Expectation positive_amount quarantined 1 row in the last run.", reasons[0]);
        Assert.Contains(reasons, r => r.StartsWith("Freshness Fresh: up to date as of", StringComparison.Ordinal) && r.EndsWith("within the SLA of 2 h.", StringComparison.Ordinal));
        Assert.Contains("The job runs every 1 h; its last run succeeded.", reasons.Single(r => r.StartsWith("Job", StringComparison.Ordinal)));
        Assert.Equal("75 % over 1 run", cut.ByTestId("pass-rate").TextContent.Trim());
    }

    [Fact]
    public async Task Marketplace_PublishedProduct_CardShowsItsTrustChip()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await DeployQuarantiningAsync(ctx);
        await ctx.PublishAsync("sales.checked", "Checked revenue", "Revenue per country from orders with a positive amount only.", "finance");
        ctx.SignIn("carl");

        var cut = ctx.Render<MarketplacePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='result']")), ComponentTestContext.Timeout);
        var card = cut.ByTestId("result");
        var chip = card.QuerySelector("[data-testid='trust-chip']")!;
        Assert.Equal("Degraded", chip.GetAttribute("data-status"));
        Assert.Equal("Expectation positive_amount quarantined 1 row in the last run.", chip.GetAttribute("title"));
    }
}
