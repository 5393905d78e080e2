using Bunit;
using MeshStudio.Application.Governance;
using MeshStudio.Web.Features.Governance;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Governance;

public sealed class ReviewPageTests
{
    private static async Task<int> OpenReviewAsync(ComponentTestContext ctx, string product) =>
        await ctx.Get<ReviewService>().OpenAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q(product), CancellationToken.None);

    [Fact]
    public async Task ReviewPage_EmailColumn_ApproveDisabledWithPiiReason()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeploySalesProductAsync("customers",
            "KEY (email) SELECT email, count(*) AS orders, sum(amount) AS spend FROM sales.orders GROUP BY email");
        await ctx.DescribeAsync("sales.customers", "Customers", "Orders and spend per customer of the web shop.");
        var id = await OpenReviewAsync(ctx, "sales.customers");
        ctx.SignIn("steward");

        var cut = ctx.Render<ReviewPage>(p => p.Add(x => x.Id, id));

        var approve = cut.WaitForTestId("approve");
        Assert.True(approve.HasAttribute("disabled"));
        var reason = cut.ByTestId("approve-blocked").TextContent;
        Assert.Contains("email", reason);
        Assert.Contains("personal data", reason);
        Assert.Contains("PII", cut.ByTestId("review-columns").TextContent);
        Assert.False(cut.ByTestId("reject").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ReviewPage_ApproveCleanProduct_ShowsApproved()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.DescribeAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.");
        var id = await OpenReviewAsync(ctx, "sales.revenue");
        ctx.SignIn("steward");
        var cut = ctx.Render<ReviewPage>(p => p.Add(x => x.Id, id));

        cut.WaitForTestId("review-comment");
        cut.Fill("review-comment", "Clean aggregate, well described.");
        cut.ByTestId("approve").Click();

        cut.WaitForAssertion(() => Assert.Equal("Approved", cut.ByTestId("review-status").TextContent.Trim()), ComponentTestContext.Timeout);
        Assert.Contains("Clean aggregate", cut.ByTestId("decided").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='approve']"));
    }

    [Fact]
    public async Task ReviewPage_RejectWithoutComment_AsksForOneAndKeepsReviewOpen()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.DescribeAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.");
        var id = await OpenReviewAsync(ctx, "sales.revenue");
        ctx.SignIn("steward");
        var cut = ctx.Render<ReviewPage>(p => p.Add(x => x.Id, id));

        cut.WaitForTestId("reject").Click();

        cut.WaitForAssertion(() => Assert.Contains("comment is required", cut.ByTestId("message").TextContent), ComponentTestContext.Timeout);
        Assert.Equal("Open", cut.ByTestId("review-status").TextContent.Trim());
    }

    [Fact]
    public async Task ReviewsPage_OpenReview_ListedWithFailedCheckBadge()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await OpenReviewAsync(ctx, "sales.revenue");
        ctx.SignIn("steward");

        var cut = ctx.Render<ReviewsPage>();

        var row = cut.WaitForTestId("review-row");
        Assert.Contains("sales.revenue", row.TextContent);
        Assert.Contains("sally", row.TextContent);
        // The job's default description is empty, so the description check fails.
        Assert.Contains("blocking check failed", row.TextContent);
    }
}
