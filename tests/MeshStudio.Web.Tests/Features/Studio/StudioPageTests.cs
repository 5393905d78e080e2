using Bunit;
using MeshStudio.Application.Products;
using MeshStudio.Web.Features.Studio;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Studio;

public sealed class StudioPageTests
{
    /// <summary>Monaco lives in the browser; here the editor's text is what BlazorMonaco's getValue answers.</summary>
    private static void EditorHolds(ComponentTestContext ctx, string sql) =>
        ctx.Bunit.JSInterop.Setup<string>("blazorMonaco.editor.getValue", _ => true).SetResult(sql);

    [Fact]
    public async Task StudioPage_Analyst_SeesOwnSourcesAndProductsInTheSchemaTree()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sam");

        var cut = ctx.Render<StudioPage>();

        var tree = cut.WaitForTestId("schema-tree");
        Assert.Contains("orders", tree.TextContent);
        Assert.Contains("revenue", tree.TextContent);
    }

    [Fact]
    public async Task StudioPage_Consumer_DoesNotSeeOtherDomainsSources()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<StudioPage>();

        Assert.DoesNotContain("orders", cut.WaitForTestId("schema-tree").TextContent);
        Assert.True(cut.ByTestId("save-as-job").HasAttribute("disabled"), "a consumer has no domain to deploy into");
    }

    [Fact]
    public async Task Run_Query_StreamsRowsIntoTheGridWithCount()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sam");
        EditorHolds(ctx, "SELECT order_id, amount FROM sales.orders ORDER BY order_id");
        var cut = ctx.Render<StudioPage>();

        cut.WaitForTestId("run").Click();

        cut.WaitForAssertion(() => Assert.Equal("3 rows", cut.ByTestId("row-count").TextContent), ComponentTestContext.Timeout);
        var cells = cut.ByTestId("result-grid").QuerySelectorAll("tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["o1", "10.5", "o2", "20", "o3", "5"], cells);
    }

    [Fact]
    public async Task Run_UnknownColumn_ShowsErrorWithPositionAndMarksTheEditor()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sam");
        EditorHolds(ctx, "SELECT amount,\n  nope FROM sales.orders");
        var cut = ctx.Render<StudioPage>();

        cut.WaitForTestId("run").Click();

        var error = cut.WaitForTestId("result-error");
        Assert.Contains("Line 2, column 3", error.TextContent);
        Assert.Contains("nope", error.TextContent);
        cut.WaitForAssertion(() =>
        {
            var markers = ctx.Bunit.JSInterop.VerifyInvoke("meshSqlEditor.setMarkers");
            Assert.Contains("nope", System.Text.Json.JsonSerializer.Serialize(markers.Arguments[1]));
        }, ComponentTestContext.Timeout);
    }

    [Fact]
    public async Task SaveAsJob_ProductName_DeploysJobAndCreatesDraftProduct()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sam");
        EditorHolds(ctx, "SELECT country, count(*) AS orders FROM sales.orders GROUP BY country");
        var cut = ctx.Render<StudioPage>();

        cut.WaitForTestId("save-as-job").Click();
        cut.Fill("product-name", "orders_by_country");
        cut.ByTestId("deploy-job").Click();

        cut.WaitForAssertion(() => Assert.Contains("Job sales.orders_by_country_job deployed; sales.orders_by_country has 2 rows",
            cut.ByTestId("deploy-result").TextContent), ComponentTestContext.Timeout);
        var product = await ctx.Get<ProductService>().GetAsync(await ctx.UserAsync("sam"), ComponentTestContext.Q("sales.orders_by_country"), CancellationToken.None);
        Assert.Equal(Core.Products.ProductStatus.Draft, product!.Status);
        Assert.Equal(["country", "orders"], product.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Run_CreateJobScript_DeploysInsteadOfQuerying()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sam");
        EditorHolds(ctx, "CREATE JOB sales.us_job AS INSERT INTO sales.us SELECT * FROM sales.orders WHERE country = 'US'");
        var cut = ctx.Render<StudioPage>();

        cut.WaitForTestId("run").Click();

        cut.WaitForAssertion(() => Assert.Contains("sales.us has 2 rows", cut.ByTestId("deploy-result").TextContent), ComponentTestContext.Timeout);
    }

    [Fact]
    public async Task Run_AlterJobScript_DeploysANewVersionThatRebuildsTheProduct()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeploySalesProductAsync("us", "SELECT * FROM sales.orders WHERE country = 'US'");
        ctx.SignIn("sam");
        EditorHolds(ctx, "ALTER JOB sales.us_job AS INSERT INTO sales.us SELECT * FROM sales.orders WHERE country = 'DE'");
        var cut = ctx.Render<StudioPage>();

        cut.WaitForTestId("run").Click();

        cut.WaitForAssertion(() => Assert.Contains("sales.us has 1 row", cut.ByTestId("deploy-result").TextContent), ComponentTestContext.Timeout);
    }
}
