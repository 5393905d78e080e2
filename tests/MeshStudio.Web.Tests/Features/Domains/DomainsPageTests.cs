using Bunit;
using MeshStudio.Application.Domains;
using MeshStudio.Web.Features.Domains;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Domains;

public sealed class DomainsPageTests
{
    [Fact]
    public async Task DomainsPage_OwnerRotatesKey_ShowsNewWorkingKeyOnce()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("sally");
        var cut = ctx.Render<DomainsPage>();

        cut.WaitForTestId("rotate-key-sales").Click();

        var key = cut.WaitForTestId("new-key").TextContent.Trim();
        Assert.StartsWith(DomainService.ApiKeyPrefix, key);
        Assert.Contains("/api/ingest/sales/{source}", cut.ByTestId("new-key-alert").TextContent);
        Assert.True(await ctx.Get<DomainService>().VerifyApiKeyAsync("sales", key, CancellationToken.None));
        Assert.Empty(cut.FindAll("[data-testid='rotate-key-marketing']"));
    }

    [Fact]
    public async Task DomainsPage_Consumer_SeesMembersButNoKeys()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<DomainsPage>();

        var sales = cut.WaitForTestId("domain-sales");
        Assert.Contains("Sally Sales", sales.TextContent);
        Assert.Contains("owner", sales.TextContent);
        Assert.Empty(cut.FindAll("[data-testid^='rotate-key']"));
        Assert.DoesNotContain("X-Api-Key", cut.Markup);
    }
}
