using Bunit;
using MeshStudio.Application.Governance;
using MeshStudio.Web.Features.Home;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Home;

public sealed class HomePageTests
{
    [Fact]
    public async Task HomePage_Consumer_GreetsByDisplayNameWithConsumerCardsOnly()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<HomePage>();

        Assert.Contains("Carl Consumer", cut.WaitForTestId("greeting").TextContent);
        Assert.Contains("consumer", cut.ByTestId("roles").TextContent);
        cut.ByTestId("card-marketplace");
        cut.ByTestId("card-my-access");
        Assert.Empty(cut.FindAll("[data-testid='card-studio']"));
        Assert.Empty(cut.FindAll("[data-testid='card-reviews']"));
        Assert.Contains("sales", cut.ByTestId("mesh-overview").TextContent);
    }

    [Fact]
    public async Task HomePage_Steward_ShowsOpenReviewCount()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.Get<ReviewService>().OpenAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.revenue"), CancellationToken.None);
        ctx.SignIn("steward");

        var cut = ctx.Render<HomePage>();

        Assert.Equal("1", cut.WaitForTestId("open-reviews").TextContent.Trim());
        Assert.Contains("steward", cut.ByTestId("roles").TextContent);
    }

    [Fact]
    public async Task HomePage_Owner_ShowsStudioAndJobHealth()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("sally");

        var cut = ctx.Render<HomePage>();

        cut.WaitForTestId("card-studio");
        Assert.Contains("healthy", cut.ByTestId("card-jobs").TextContent);
        Assert.Contains("owner of sales", cut.ByTestId("roles").TextContent);
        cut.ByTestId("card-decisions");
    }
}
