using Bunit;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Catalog;

public sealed class ProductContractPanelTests
{
    private static async Task<ComponentTestContext> RevenueAsync()
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.DescribeAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        return ctx;
    }

    private static IRenderedComponent<ProductContractPanel> Render(ComponentTestContext ctx) =>
        ctx.Render<ProductContractPanel>(p => p.Add(x => x.Product, ComponentTestContext.Q("sales.revenue")));

    [Fact]
    public async Task ContractPanel_ProductWithoutSavedContract_ShowsTheGeneratedPromisesReadably()
    {
        await using var ctx = await RevenueAsync();
        ctx.SignIn("sam");

        var cut = Render(ctx);

        var schema = cut.WaitForTestId("contract-schema");
        Assert.Contains("Generated from the catalog", cut.ByTestId("contract-origin").TextContent);
        Assert.Contains("Revenue and order counts per country", cut.ByTestId("contract-terms").TextContent);
        Assert.Contains("key (1)", schema.QuerySelectorAll("tr")[1].TextContent);
        Assert.Contains("/api/products/sales/revenue/contract?download=true", cut.ByTestId("contract-download").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid='contract-edit']"));
    }

    [Fact]
    public async Task ContractPanel_OwnerEditsTheYaml_SavesItAndShowsTheNewTerms()
    {
        await using var ctx = await RevenueAsync();
        ctx.SignIn("sally");
        var cut = Render(ctx);
        cut.WaitForTestId("contract-edit").Click();
        cut.WaitForTestId("contract-yaml");
        var yaml = (await ctx.Get<ProductContracts>().GetAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.revenue"), CancellationToken.None))!.Yaml;

        cut.Fill("contract-yaml", yaml.Replace("  usage: ", "  limitations: Web shop orders only\n  usage: ", StringComparison.Ordinal));
        cut.ByTestId("contract-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved by the owner", cut.ByTestId("contract-origin").TextContent), ComponentTestContext.Timeout);
        Assert.Contains("Web shop orders only", cut.ByTestId("contract-terms").TextContent);
    }

    [Fact]
    public async Task ContractPanel_OwnerSavesBrokenYaml_SeesLineAndColumn()
    {
        await using var ctx = await RevenueAsync();
        ctx.SignIn("sally");
        var cut = Render(ctx);
        cut.WaitForTestId("contract-edit").Click();
        cut.WaitForTestId("contract-yaml");

        cut.Fill("contract-yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: [unclosed\n");
        cut.ByTestId("contract-save").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Line 4, column 1", cut.ByTestId("message").TextContent.Trim(), StringComparison.Ordinal), ComponentTestContext.Timeout);
        Assert.Contains("Generated from the catalog", cut.ByTestId("contract-origin").TextContent);
    }
}
