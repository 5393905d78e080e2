using Bunit;
using MeshStudio.Application.Execution;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Catalog;

public sealed class ProductVersionsPanelTests
{
    [Fact]
    public async Task VersionsPanel_AfterAMinorAndABreakingChange_ShowsEachVersionItsDiffAndBothMajors()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.");
        var deployer = ctx.Get<PipelineDeployer>();
        var sally = await ctx.UserAsync("sally");
        Assert.True((await deployer.DeployAsync(sally, "sales", "ALTER JOB sales.revenue_job AS INSERT INTO sales.revenue KEY (country) " +
            "SELECT country, sum(amount) AS revenue, count(*) AS orders, max(amount) AS largest FROM sales.orders GROUP BY country", CancellationToken.None)).Succeeded);
        Assert.True((await deployer.DeployAsync(sally, "sales", "ALTER JOB sales.revenue_job AS INSERT INTO sales.revenue KEY (country) " +
            "SELECT country, sum(amount) AS revenue, max(amount) AS largest FROM sales.orders GROUP BY country", CancellationToken.None)).Succeeded);
        ctx.SignIn("sally");

        var cut = ctx.Render<ProductVersionsPanel>(p => p.Add(x => x.Product, ComponentTestContext.Q("sales.revenue")));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='version']").Count), ComponentTestContext.Timeout);
        var versions = cut.FindAll("[data-testid='version']");
        Assert.Contains("2.0.0", versions[0].TextContent);
        Assert.Contains("sales.revenue_v2", versions[0].TextContent);
        Assert.Contains("Column orders (BIGINT) is dropped.", versions[0].TextContent);
        Assert.Contains("1.1.0", versions[1].TextContent);
        Assert.Contains("Column largest (DOUBLE) is added.", versions[1].TextContent);
        Assert.Contains("SNAPSHOT(sales.revenue, 0)", versions[1].TextContent);
        Assert.Equal("v1.1.0", cut.ByTestId("version-current").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid='major']").Count);
        Assert.Contains("Consumers: none", cut.FindAll("[data-testid='major']")[0].TextContent);
        Assert.Single(cut.FindAll("[data-testid='deprecation-save']"));
    }
}
