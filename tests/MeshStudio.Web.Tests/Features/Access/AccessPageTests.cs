using Bunit;
using MeshStudio.Application.Access;
using MeshStudio.Web.Features.Access;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Access;

public sealed class AccessPageTests
{
    private static async Task<ComponentTestContext> PendingRequestAsync()
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        await ctx.Get<AccessService>().RequestAsync(await ctx.UserAsync("carl"), ComponentTestContext.Q("sales.revenue"),
            "Budget planning for the marketing team.", CancellationToken.None);
        return ctx;
    }

    [Fact]
    public async Task AccessPage_OwnerApprovesPendingRequest_GrantsAccess()
    {
        await using var ctx = await PendingRequestAsync();
        ctx.SignIn("sally");
        var cut = ctx.Render<AccessPage>();

        var request = cut.WaitForTestId("pending-request");
        Assert.Contains("Carl Consumer", request.TextContent);
        Assert.Contains("Budget planning", request.TextContent);
        cut.ByTestId("approve-request").Click();

        cut.WaitForTestId("nothing-to-decide");
        Assert.Contains("can now read sales.revenue", cut.ByTestId("message").TextContent);
        Assert.True(await ctx.Get<AccessService>().HasActiveGrantAsync(ctx.UserId("carl"), ComponentTestContext.Q("sales.revenue"), CancellationToken.None));
    }

    [Fact]
    public async Task AccessPage_AdminWithOwnPendingRequest_CannotDecideIt()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        await ctx.Get<AccessService>().RequestAsync(await ctx.UserAsync("admin"), ComponentTestContext.Q("sales.revenue"),
            "Platform capacity planning for the admins.", CancellationToken.None);
        ctx.SignIn("admin");
        var cut = ctx.Render<AccessPage>();

        cut.WaitForTestId("nothing-to-decide");
        Assert.Contains("Pending", cut.WaitForTestId("my-request").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='approve-request']"));
    }

    [Fact]
    public async Task AccessPage_OwnerRejects_RequesterSeesRejected()
    {
        await using var ctx = await PendingRequestAsync();
        ctx.SignIn("sally");
        var cut = ctx.Render<AccessPage>();
        cut.WaitForTestId("pending-request");
        cut.Fill("decision-comment", "Use the marketing aggregate instead.");
        cut.ByTestId("reject-request").Click();
        cut.WaitForTestId("nothing-to-decide");

        ctx.SignIn("carl");
        var mine = ctx.Render<AccessPage>();

        var row = mine.WaitForTestId("my-request");
        Assert.Contains("Rejected", row.TextContent);
        Assert.Contains("Use the marketing aggregate instead.", row.TextContent);
        Assert.Empty(mine.FindAll("[data-testid='requests-to-decide']"));
        Assert.Empty(mine.FindAll("[data-testid='nothing-to-decide']"));
    }

    [Fact]
    public async Task AccessPage_ConsumerWithPendingRequest_ShowsItPending()
    {
        await using var ctx = await PendingRequestAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<AccessPage>();

        var row = cut.WaitForTestId("my-request");
        Assert.Contains("sales.revenue", row.TextContent);
        Assert.Contains("Pending", row.TextContent);
    }

    [Fact]
    public async Task AccessPage_OwnerOfAnotherDomain_DoesNotSeeTheRequest()
    {
        await using var ctx = await PendingRequestAsync();
        ctx.SignIn("mia");

        var cut = ctx.Render<AccessPage>();

        cut.WaitForTestId("nothing-to-decide");
        Assert.Empty(cut.FindAll("[data-testid='approve-request']"));
    }
}
