using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Governance;

/// <summary>
/// The stewards' policies: list, create, edit, switch on and off, try on a product, read each one's history of
/// changes, and export or import them all as YAML.
/// </summary>
public sealed partial class PoliciesPage
{
    private readonly UserActionState _action = new();
    private IReadOnlyList<PolicyView>? _policies;
    private UserContext? _user;
    private bool _canManage;
    private PolicyForm? _form;
    private CheckResult? _testResult;
    private IReadOnlyList<PolicyVersionView>? _history;
    private string? _historyKey;
    private bool _showFile;
    private string? _yaml;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required PolicyService Policies { get; init; }

    [Inject]
    public required PolicyTester Tester { get; init; }

    private string DownloadHref => "data:application/yaml;charset=utf-8," + Uri.EscapeDataString(_yaml ?? "");

    protected override async Task OnInitializedAsync()
    {
        _user = await CurrentUser.GetAsync();
        _canManage = PolicyService.CanManage(_user, null);
        await LoadAsync();
    }

    private async Task LoadAsync() => _policies = await Policies.ListAsync(CancellationToken.None);

    private void StartNew()
    {
        _form = PolicyForm.New();
        _testResult = null;
    }

    private void Edit(PolicyView policy)
    {
        _form = PolicyForm.Of(policy.Definition, policy.Version);
        _testResult = null;
    }

    private Task SaveAsync() => _action.RunAsync(async () =>
    {
        var saved = await Policies.SaveAsync(_user!, _form!.ToDefinition(), _form.Version, CancellationToken.None);
        _form = null;
        await LoadAsync();
        await RefreshHistoryAsync(saved.Definition.Key);
        _action.Say(Severity.Success, $"Saved {saved.Definition.Key} as version {saved.Version}.");
    }, clearMessage: true);

    private Task TestAsync() => _action.RunAsync(async () =>
    {
        if (!QualifiedName.TryParse(_form!.TestTarget, out var target))
            throw new RuleViolationException("Name the product or job to try the policy on, e.g. sales.revenue_by_country.");
        _testResult = await Tester.TestAsync(_user!, _form.ToDefinition(), target, CancellationToken.None);
    }, clearMessage: true);

    private Task SwitchAsync(string key, bool on) => _action.RunAsync(async () =>
    {
        var saved = await Policies.SetEnabledAsync(_user!, key, on, CancellationToken.None);
        await LoadAsync();
        await RefreshHistoryAsync(key);
        _action.Say(Severity.Success, $"{key} is {(on ? "on" : "off")} (version {saved.Version}).");
    }, clearMessage: true, onRefused: LoadAsync);

    private async Task ShowHistoryAsync(string key)
    {
        _historyKey = key;
        _history = await Policies.HistoryAsync(key, CancellationToken.None);
    }

    private async Task RefreshHistoryAsync(string key)
    {
        if (_historyKey == key)
            await ShowHistoryAsync(key);
    }

    private void ToggleFile()
    {
        _showFile = !_showFile;
        _yaml = PolicyYaml.Write(_policies!.Select(p => p.Definition));
    }

    private Task ImportAsync() => _action.RunAsync(async () =>
    {
        var saved = await Policies.ImportAsync(_user!, PolicyYaml.Read(_yaml ?? ""), CancellationToken.None);
        await LoadAsync();
        _action.Say(Severity.Success, $"Imported {saved.Count} policies.");
    }, clearMessage: true);

    private static string? Parameter(PolicyDefinition policy) => policy.Kind switch
    {
        PolicyKind.ProductNaming or PolicyKind.ColumnNaming => policy.Pattern,
        PolicyKind.UtcTimestamps => $"or named …{policy.Pattern ?? "_utc"}",
        PolicyKind.Description => $"≥ {policy.MinLength} characters",
        PolicyKind.PersonalData => string.Join(", ", (policy.PersonalData ?? new Dictionary<PiiKind, PersonalDataAction>())
            .Where(p => p.Value != PersonalDataAction.Allow).GroupBy(p => p.Value)
            .Select(g => $"{g.Key.ToString().ToLowerInvariant()} {string.Join("/", g.Select(p => p.Key))}")),
        _ => null,
    };
}
