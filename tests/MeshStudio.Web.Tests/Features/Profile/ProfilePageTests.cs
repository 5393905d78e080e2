using Bunit;
using MeshStudio.Application.Tokens;
using MeshStudio.Web.Features.Profile;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Profile;

public sealed class ProfilePageTests
{
    [Fact]
    public async Task ProfilePage_CreateToken_ShowsItOnceAndListsIt()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("carl");
        var cut = ctx.Render<ProfilePage>();
        cut.WaitForTestId("no-tokens");

        cut.Fill("token-name", "laptop");
        cut.ByTestId("create-token").Click();

        var secret = cut.WaitForTestId("new-token").TextContent.Trim();
        Assert.StartsWith(TokenService.TokenPrefix, secret);
        Assert.Contains("will not be shown again", cut.ByTestId("new-token-alert").TextContent);
        var row = cut.ByTestId("token-row");
        Assert.Contains("laptop", row.TextContent);
        Assert.Contains("active", row.TextContent);
        Assert.Equal(ctx.UserId("carl"), await ctx.Get<TokenService>().ValidateAsync(secret, CancellationToken.None));

        // Opened again, the page lists the token but never shows its secret.
        var again = ctx.Render<ProfilePage>();
        again.WaitForTestId("token-row");
        Assert.Empty(again.FindAll("[data-testid='new-token']"));
        Assert.DoesNotContain(secret, again.Markup);
    }

    [Fact]
    public async Task ProfilePage_RevokeToken_MarksItRevokedAndItStopsWorking()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        var (_, secret) = await ctx.Get<TokenService>().CreateAsync(ctx.UserId("carl"), "ci", null, CancellationToken.None);
        ctx.SignIn("carl");
        var cut = ctx.Render<ProfilePage>();

        cut.WaitForTestId("revoke-token").Click();

        cut.WaitForAssertion(() => Assert.Contains("revoked", cut.ByTestId("token-row").TextContent), ComponentTestContext.Timeout);
        Assert.Null(await ctx.Get<TokenService>().ValidateAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task ProfilePage_EmptyName_ShowsTheRule()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("carl");
        var cut = ctx.Render<ProfilePage>();
        cut.WaitForTestId("no-tokens");

        cut.ByTestId("create-token").Click();

        cut.WaitForAssertion(() => Assert.Contains("Give the token a name", cut.ByTestId("message").TextContent), ComponentTestContext.Timeout);
        Assert.Empty(cut.FindAll("[data-testid='new-token']"));
    }

    [Fact]
    public async Task ProfilePage_Owner_ShowsDisplayNameAndMemberships()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("sally");

        var cut = ctx.Render<ProfilePage>();

        var info = cut.WaitForTestId("user-info");
        Assert.Contains("Sally Sales", info.TextContent);
        Assert.Contains("sales", cut.ByTestId("memberships").TextContent);
        Assert.Contains("owner", cut.ByTestId("memberships").TextContent);
    }
}
