using Bunit;
using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Web.Features.Governance;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Governance;

public sealed class PoliciesPageTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task PoliciesPage_Steward_ListsTheSeededPoliciesWithScopeAndVersion()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("steward");

        var cut = ctx.Render<PoliciesPage>();

        var row = cut.WaitForTestId("policy-description-present");
        Assert.Contains("≥ 20 characters", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("global", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("v1", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(DefaultPolicies.All.Count, cut.ByTestId("policies").QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Switch_StewardTurnsOnColumnNaming_IsInForceAndTheHistoryShowsTheDiff()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("steward");
        var cut = ctx.Render<PoliciesPage>();
        cut.WaitForTestId("policy-column-naming");

        var toggle = cut.ByTestId("switch-column-naming");
        (toggle.LocalName == "input" ? toggle : toggle.QuerySelector("input")!).Change(true);
        cut.WaitForAssertion(() => Assert.Contains("v2", cut.ByTestId("policy-column-naming").TextContent, StringComparison.Ordinal), ComponentTestContext.Timeout);
        cut.ByTestId("history-column-naming").Click();

        var history = cut.WaitForTestId("policy-history");
        Assert.Contains("enabled: off → on", history.TextContent, StringComparison.Ordinal);
        Assert.Contains(await ctx.Get<PolicyService>().InForceAsync("sales", Ct), p => p.Key == "column-naming");
    }

    [Fact]
    public async Task Save_StewardWritesANamingPolicy_IsCreatedAndTestedOnAProduct()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("steward");
        var cut = ctx.Render<PoliciesPage>();
        cut.WaitForTestId("new-policy").Click();

        cut.Fill("policy-key", "revenue-prefix");
        cut.Fill("policy-title", "Revenue products say so");
        cut.Fill("policy-pattern", "^rev_");
        cut.Fill("policy-explanation", "Finance finds its products by the rev_ prefix.");
        cut.Fill("policy-test-target", "sales.revenue");
        cut.ByTestId("policy-test").Click();
        cut.WaitForAssertion(() => Assert.Contains("The column name country does not match ^rev_.", cut.ByTestId("policy-test-result").TextContent, StringComparison.Ordinal),
            ComponentTestContext.Timeout);
        cut.ByTestId("policy-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("Revenue products say so", cut.ByTestId("policy-revenue-prefix").TextContent, StringComparison.Ordinal),
            ComponentTestContext.Timeout);
        var saved = (await ctx.Get<PolicyService>().GetAsync("revenue-prefix", Ct))!;
        Assert.Equal((PolicyKind.ColumnNaming, PolicySeverity.Block, "^rev_", true),
            (saved.Definition.Kind, saved.Definition.Severity, saved.Definition.Pattern, saved.Definition.Enabled));
    }

    [Fact]
    public async Task Save_PatternThatIsNoRegularExpression_SaysWhyAndSavesNothing()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("steward");
        var cut = ctx.Render<PoliciesPage>();
        cut.WaitForTestId("new-policy").Click();

        cut.Fill("policy-key", "broken");
        cut.Fill("policy-title", "Broken");
        cut.Fill("policy-pattern", "^[a-z");
        cut.Fill("policy-explanation", "Why.");
        cut.ByTestId("policy-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("not a regular expression", cut.Markup, StringComparison.Ordinal), ComponentTestContext.Timeout);
        Assert.Null(await ctx.Get<PolicyService>().GetAsync("broken", Ct));
    }
}
