using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;

namespace MeshStudio.Application.Tests.Governance.Policies;

public sealed class PolicyServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    private PolicyService Policies => _ctx.Get<PolicyService>();

    public async Task InitializeAsync() => _ctx = await CatalogTestContext.CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task ListAsync_FreshCatalog_ListsTheSeededDefaultsAsVersionOne()
    {
        var policies = await Policies.ListAsync(Ct);

        Assert.Equal(DefaultPolicies.All.Select(p => p.Key).Order(), policies.Select(p => p.Definition.Key).Order());
        Assert.All(policies, p => Assert.Equal(1, p.Version));
        Assert.Equal(["description-present", "has-data", "owner-present", "pii-masked"],
            policies.Where(p => p.Definition.Enabled).Select(p => p.Definition.Key).Order());
    }

    [Fact]
    public async Task SaveAsync_ChangedDefault_IsANewVersionWithItsDiffAudited()
    {
        var current = (await Policies.GetAsync("description-present", Ct))!;

        var saved = await Policies.SaveAsync(_ctx.Steward, current.Definition with { MinLength = 40, Severity = PolicySeverity.Warn }, 1, Ct);

        Assert.Equal(2, saved.Version);
        var history = await Policies.HistoryAsync("description-present", Ct);
        Assert.Equal([2, 1], history.Select(v => v.Version));
        Assert.Equal(["severity: block → warn", "minLength: 20 → 40"], history[0].Changes);
        Assert.Equal(40, history[0].Definition.MinLength);
        Assert.Equal(20, history[1].Definition.MinLength);
        var audit = await _ctx.Audit.ListAsync(0, 5, Ct);
        Assert.Contains(audit, e => e.Action == "policy.changed" && e.Details.Contains("minLength: 20 → 40", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_IsRefused()
    {
        var current = (await Policies.GetAsync("owner-present", Ct))!;
        await Policies.SaveAsync(_ctx.Steward, current.Definition with { Explanation = "Someone answers questions." }, 1, Ct);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Policies.SaveAsync(_ctx.Steward, current.Definition with { Severity = PolicySeverity.Warn }, 1, Ct));

        Assert.Contains("version 2 now", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_NonSteward_IsDeniedForGlobalPolicies()
    {
        var naming = new PolicyDefinition("table-prefix", "Prefix", PolicyKind.ProductNaming, PolicySeverity.Block, "Why.", Pattern: "^t_");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Policies.SaveAsync(_ctx.Sally, naming, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Policies.SaveAsync(_ctx.Sam, naming with { Domain = "sales" }, null, Ct));
    }

    [Fact]
    public async Task SaveAsync_DomainOwnersStricterLocalPolicy_IsSavedAndInForceOnlyThere()
    {
        var local = new PolicyDefinition("sales-descriptions", "Sales describes at length", PolicyKind.Description, PolicySeverity.Block,
            "Sales' consumers are external.", Domain: "sales", MinLength: 60);

        await Policies.SaveAsync(_ctx.Sally, local, null, Ct);

        Assert.Contains(await Policies.InForceAsync("sales", Ct), p => p.Key == "sales-descriptions");
        Assert.DoesNotContain(await Policies.InForceAsync("marketing", Ct), p => p.Key == "sales-descriptions");
    }

    [Fact]
    public async Task SaveAsync_WeakerLocalPolicy_IsRefusedWithWhatIsWeaker()
    {
        var shorter = new PolicyDefinition("sales-short", "Short", PolicyKind.Description, PolicySeverity.Warn, "Short is fine.",
            Domain: "sales", MinLength: 5);
        var allowEmails = new PolicyDefinition("sales-emails", "Emails", PolicyKind.PersonalData, PolicySeverity.Block, "Emails are fine.",
            Domain: "sales", PersonalData: new Dictionary<PiiKind, PersonalDataAction> { [PiiKind.Email] = PersonalDataAction.Allow });

        var description = await Assert.ThrowsAsync<RuleViolationException>(() => Policies.SaveAsync(_ctx.Steward, shorter, null, Ct));
        var personal = await Assert.ThrowsAsync<RuleViolationException>(() => Policies.SaveAsync(_ctx.Steward, allowEmails, null, Ct));

        Assert.Contains("warns where description-present blocks", description.Message, StringComparison.Ordinal);
        Assert.Contains("asks for 5 characters where description-present asks for 20", description.Message, StringComparison.Ordinal);
        Assert.Contains("allow Email where pii-masked asks to mask it", personal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_InvalidPattern_IsRefused()
    {
        var broken = new PolicyDefinition("broken", "Broken", PolicyKind.ColumnNaming, PolicySeverity.Block, "Why.", Pattern: "^[a-z");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Policies.SaveAsync(_ctx.Steward, broken, null, Ct));

        Assert.Contains("not a regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnabledAsync_SwitchedOn_IsInForceAsANewVersion()
    {
        var view = await Policies.SetEnabledAsync(_ctx.Steward, "column-naming", true, Ct);

        Assert.Equal(2, view.Version);
        Assert.Contains(await Policies.InForceAsync("sales", Ct), p => p.Key == "column-naming");
        Assert.Equal(["enabled: off → on"], (await Policies.HistoryAsync("column-naming", Ct))[0].Changes);
    }
}
