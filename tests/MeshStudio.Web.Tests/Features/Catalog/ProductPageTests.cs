using Bunit;
using MeshStudio.Application.Access;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Governance.Policies;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Catalog;

public sealed class ProductPageTests
{
    private const string Description = "Revenue and order counts per country, from the web shop.";

    private static async Task<ComponentTestContext> PublishedRevenueAsync(string description = Description)
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", description, "finance");
        return ctx;
    }

    private static IRenderedComponent<ProductPage> RenderRevenue(ComponentTestContext ctx) =>
        ctx.Render<ProductPage>(p => p.Add(x => x.Domain, "sales").Add(x => x.Name, "revenue"));

    [Fact]
    public async Task ProductPage_ScriptInDescription_RendersSanitisedMarkdown()
    {
        await using var ctx = await PublishedRevenueAsync(
            "## Usage\n\nRevenue per **country**, refreshed continuously.\n\n<script>alert('owned')</script>\n\n" +
            "<img src=x onerror=alert(1)> [docs](javascript:alert(2)) [wiki](https://example.com/wiki)");
        ctx.SignIn("carl");

        var cut = RenderRevenue(ctx);

        var markdown = cut.WaitForTestId("markdown");
        Assert.Contains("<h2", markdown.InnerHtml);
        Assert.Contains("<strong>country</strong>", markdown.InnerHtml);
        Assert.Contains("href=\"https://example.com/wiki\"", markdown.InnerHtml);
        Assert.Empty(markdown.QuerySelectorAll("script"));
        Assert.Empty(markdown.QuerySelectorAll("img"));
        Assert.DoesNotContain("javascript:", markdown.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(markdown.QuerySelectorAll("[onerror]"));
    }

    [Fact]
    public async Task ProductPage_StewardRaisedDescriptionLength_EditHintNamesThePolicyInForce()
    {
        await using var ctx = await PublishedRevenueAsync();
        var policies = ctx.Get<PolicyService>();
        var description = (await policies.GetAsync("description-present", CancellationToken.None))!;
        await policies.SaveAsync(await ctx.UserAsync("steward"), description.Definition with { MinLength = 80 },
            description.Version, CancellationToken.None);
        ctx.SignIn("sally");

        var cut = RenderRevenue(ctx);
        cut.WaitForTestId("edit-metadata").Click();

        cut.WaitForAssertion(() => Assert.Contains("At least 80 characters", cut.Markup));
    }

    [Fact]
    public async Task ProductPage_ConsumerWithoutGrant_OffersRequestAccessAndHidesSample()
    {
        await using var ctx = await PublishedRevenueAsync();
        ctx.SignIn("carl");

        var cut = RenderRevenue(ctx);

        cut.WaitForTestId("request-access");
        Assert.Contains("Request access to see a sample", cut.ByTestId("sample-locked").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='sample-grid']"));
        Assert.Contains("country", cut.ByTestId("schema").TextContent);
        Assert.Contains("/api/products/sales/revenue/data?format=csv", cut.ByTestId("usage").TextContent);
    }

    [Fact]
    public async Task ProductPage_SubmitPurpose_ShowsPendingStatus()
    {
        await using var ctx = await PublishedRevenueAsync();
        ctx.SignIn("carl");
        var cut = RenderRevenue(ctx);

        cut.WaitForTestId("request-access").Click();
        cut.WaitForTestId("purpose");
        cut.Fill("purpose", "Quarterly planning of marketing budgets per country.");
        cut.ByTestId("submit-request").Click();

        cut.WaitForAssertion(() => Assert.Contains("pending", cut.ByTestId("access-status").TextContent), ComponentTestContext.Timeout);
        Assert.Empty(cut.FindAll("[data-testid='request-access']"));
        var mine = await ctx.Get<AccessService>().ListMineAsync(await ctx.UserAsync("carl"), CancellationToken.None);
        Assert.Equal(AccessRequestStatus.Pending, Assert.Single(mine).Status);
    }

    [Fact]
    public async Task ProductPage_ShortPurpose_ShowsTheRuleAndSendsNothing()
    {
        await using var ctx = await PublishedRevenueAsync();
        ctx.SignIn("carl");
        var cut = RenderRevenue(ctx);

        cut.WaitForTestId("request-access").Click();
        cut.WaitForTestId("purpose");
        cut.Fill("purpose", "data");
        cut.ByTestId("submit-request").Click();

        cut.WaitForAssertion(() => Assert.Contains("at least", cut.ByTestId("message").TextContent), ComponentTestContext.Timeout);
        Assert.Empty(await ctx.Get<AccessService>().ListMineAsync(await ctx.UserAsync("carl"), CancellationToken.None));
    }

    [Fact]
    public async Task ProductPage_DomainMember_ShowsSampleRows()
    {
        await using var ctx = await PublishedRevenueAsync();
        ctx.SignIn("sam");

        var cut = RenderRevenue(ctx);

        var grid = cut.WaitForTestId("sample-grid");
        Assert.Contains("US", grid.TextContent);
        Assert.Contains("DE", grid.TextContent);
        Assert.Equal(2, grid.QuerySelectorAll("tbody > tr").Length);
        Assert.Empty(cut.FindAll("[data-testid='request-access']"));
    }

    [Fact]
    public async Task ProductPage_DraftForAuthor_PublishOpensReview()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.DescribeAsync("sales.revenue", "Revenue by country", Description, "finance");
        ctx.SignIn("sally");
        var cut = RenderRevenue(ctx);

        cut.WaitForTestId("publish").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("In review", cut.ByTestId("product-status").TextContent);
            Assert.Contains("every automated check passed", cut.ByTestId("message").TextContent);
        }, ComponentTestContext.Timeout);
        Assert.Empty(cut.FindAll("[data-testid='publish']"));
    }

    [Fact]
    public async Task ProductPage_DraftForConsumer_IsNotShown()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("carl");

        var cut = RenderRevenue(ctx);

        cut.WaitForTestId("not-found");
        var details = await ctx.Get<ProductService>().GetAsync(await ctx.UserAsync("carl"), ComponentTestContext.Q("sales.revenue"), CancellationToken.None);
        Assert.Null(details);
    }

    [Fact]
    public async Task ProductPage_RejectedForAuthor_ShowsStewardCommentAndOffersPublishAgain()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.DescribeAsync("sales.revenue", "Revenue by country", Description, "finance");
        var reviews = ctx.Get<ReviewService>();
        var id = await reviews.OpenAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.revenue"), CancellationToken.None);
        await reviews.RejectAsync(await ctx.UserAsync("steward"), id, "Add the currency to the description.", CancellationToken.None);
        ctx.SignIn("sam");

        var cut = RenderRevenue(ctx);

        Assert.Contains("Add the currency to the description.", cut.WaitForTestId("rejection").TextContent);
        Assert.Contains("Rejected", cut.ByTestId("product-status").TextContent);
        cut.ByTestId("publish");
    }
}
