using Bunit;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Semantics;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Semantics;
using MeshStudio.Web.Features.Governance;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Governance;

public sealed class GlossaryPageTests
{
    private static readonly SemanticType Country = new("country", "ISO 3166-1 alpha-2 country codes.",
    [
        new SemanticValue("US", ["USA", "United States"]),
        new SemanticValue("DE", ["Germany"]),
    ]);

    private static async Task<ComponentTestContext> WithCountryAsync()
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.Get<SemanticTypeService>().UpsertAsync(await ctx.UserAsync("steward"), Country, CancellationToken.None);
        return ctx;
    }

    [Fact]
    public async Task AddAsync_StewardAddsSynonym_AlignReturnsCanonicalThroughExecutionService()
    {
        await using var ctx = await WithCountryAsync();
        ctx.SignIn("steward");
        var cut = ctx.Render<GlossaryPage>();
        cut.WaitForTestId("type-country");

        cut.Fill("canonical-country", "US");
        cut.Fill("synonym-country", "Amerika");
        cut.ByTestId("add-country").Click();

        cut.WaitForAssertion(() => Assert.Contains("Amerika", cut.ByTestId("values-country").TextContent), ComponentTestContext.Timeout);
        var result = await ctx.Get<ExecutionService>().QueryAllAsync(
            await ctx.UserAsync("carl"), "SELECT align('Amerika', 'country') AS c", 10, CancellationToken.None);
        Assert.Equal("US", Assert.Single(result.Rows)[0]);
    }

    [Fact]
    public async Task AddAsync_SynonymOfAnotherCanonical_ShowsTheConflict()
    {
        await using var ctx = await WithCountryAsync();
        ctx.SignIn("admin");
        var cut = ctx.Render<GlossaryPage>();
        cut.WaitForTestId("type-country");

        cut.Fill("canonical-country", "DE");
        cut.Fill("synonym-country", "U.S.A.");
        cut.ByTestId("add-country").Click();

        cut.WaitForAssertion(() => Assert.Contains("both US and DE", cut.ByTestId("message").TextContent), ComponentTestContext.Timeout);
    }

    [Fact]
    public async Task FindUnmatched_StewardOutsideTheDomain_SeesCountsAndMaskedValuesOnly_AndTheScanIsAudited()
    {
        await using var ctx = await WithCountryAsync();
        await ctx.DeployRevenueAsync(); // sales.orders with countries US, DE, US
        await ctx.Get<SemanticTypeService>().UpsertAsync(await ctx.UserAsync("steward"),
            Country with { Values = [new SemanticValue("US", [])] }, CancellationToken.None);
        ctx.SignIn("steward");
        var cut = ctx.Render<GlossaryPage>();

        cut.WaitForTestId("check-country").Click();

        cut.WaitForAssertion(() => Assert.Equal("D*** · 1", cut.ByTestId("unmatched-value").TextContent.Trim()), ComponentTestContext.Timeout);
        Assert.Contains("sales.orders.country", cut.ByTestId("unmatched-column").TextContent);
        Assert.Contains("masked examples", cut.ByTestId("unmatched-masked").TextContent);
        Assert.Equal("1 distinct values in 1 rows", cut.ByTestId("unmatched-counts").TextContent.Trim());
        var entry = (await ctx.Get<AuditLog>().ListAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal((GlossaryUnmatched.AuditAction, "steward", "country"), (entry.Action, entry.Actor, entry.Target));
        Assert.Equal("sales.orders.country: 1 unmatched values in 1 rows, masked", entry.Details);
    }

    [Fact]
    public async Task FindUnmatched_MemberOfTheDomain_SeesTheValuesAsTheyAre()
    {
        await using var ctx = await WithCountryAsync();
        await ctx.DeployRevenueAsync();
        await ctx.Get<SemanticTypeService>().UpsertAsync(await ctx.UserAsync("steward"),
            Country with { Values = [new SemanticValue("US", [])] }, CancellationToken.None);
        await ctx.Get<DomainService>().AddMemberAsync(await ctx.UserAsync("admin"), "sales", "steward", DomainRole.Analyst, CancellationToken.None);
        ctx.SignIn("steward");
        var cut = ctx.Render<GlossaryPage>();

        cut.WaitForTestId("check-country").Click();

        cut.WaitForAssertion(() => Assert.Equal("DE · 1", cut.ByTestId("unmatched-value").TextContent.Trim()), ComponentTestContext.Timeout);
        Assert.Empty(cut.FindAll("[data-testid='unmatched-masked']"));
    }

    [Fact]
    public async Task Render_Consumer_ReadsTypesButCannotEdit()
    {
        await using var ctx = await WithCountryAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<GlossaryPage>();

        Assert.Contains("United States", cut.WaitForTestId("values-country").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='add-country']"));
        Assert.Empty(cut.FindAll("[data-testid='new-type']"));
    }
}
