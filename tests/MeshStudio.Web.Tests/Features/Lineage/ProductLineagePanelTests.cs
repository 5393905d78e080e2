using Bunit;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Lineage;

/// <summary>The lineage section of the product page: the diagram, the keyboard list and a column's origins.</summary>
public sealed class ProductLineagePanelTests
{
    private static IRenderedComponent<ProductPage> RenderRevenue(ComponentTestContext ctx) =>
        ctx.Render<ProductPage>(p => p.Add(x => x.Domain, "sales").Add(x => x.Name, "revenue"));

    [Fact]
    public async Task ProductPage_MemberSelectsAColumn_ListsAndHighlightsItsUpstreamColumns()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sally");

        var cut = RenderRevenue(ctx);

        cut.WaitForElement("[data-testid='lineage-node'][data-node='source:sales.orders']", ComponentTestContext.Timeout);
        Assert.Equal(
            ["source:sales.orders", "job:sales.revenue_job", "product:sales.revenue"],
            cut.FindAll("[data-testid='lineage-link']").Select(a => a.GetAttribute("data-node")));
        Assert.Equal("/jobs/sales/revenue_job", cut.Find("[data-testid='lineage-link'][data-node='job:sales.revenue_job']").GetAttribute("href"));

        cut.Find("[data-testid='lineage-column'][data-column='revenue']").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            ["sales.orders.amount read by its job"],
            cut.FindAll("[data-testid='upstream-column']").Select(li => string.Join(' ', li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)))), ComponentTestContext.Timeout);
        Assert.Equal("true", cut.Find("[data-testid='lineage-column'][data-column='revenue']").GetAttribute("aria-pressed"));
        Assert.Contains("highlighted", cut.Find("[data-testid='lineage-node'][data-node='source:sales.orders']").ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("highlighted", cut.Find("[data-testid='lineage-node'][data-node='job:sales.revenue_job']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductPage_Consumer_SeesThePublishedProductButNoNameOfItsSourceOrJob()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.");
        ctx.SignIn("carl");

        var cut = RenderRevenue(ctx);

        cut.WaitForElement("[data-testid='lineage-node'][data-node='product:sales.revenue']", ComponentTestContext.Timeout);
        cut.Find("[data-testid='lineage-column'][data-column='revenue']").Click();

        cut.WaitForAssertion(() => Assert.Contains("inputs you may not see", cut.Find("[data-testid='column-origins']").TextContent, StringComparison.Ordinal),
            ComponentTestContext.Timeout);
        var lineage = cut.Find("[data-testid='product-lineage']").TextContent;
        Assert.Empty(cut.FindAll("[data-testid='lineage-node'][data-node^='source:']"));
        Assert.Empty(cut.FindAll("[data-testid='lineage-node'][data-node^='job:']"));
        Assert.DoesNotContain("revenue_job", lineage, StringComparison.Ordinal);
        Assert.DoesNotContain("sales.orders", lineage, StringComparison.Ordinal);
    }
}
