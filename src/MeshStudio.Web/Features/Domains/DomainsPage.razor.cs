using MeshStudio.Application.Domains;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Domains;

/// <summary>The domains of the mesh: members and counts for everyone; members, keys and ingestion for owners.</summary>
public sealed partial class DomainsPage : UserPage
{
    private UserContext? _user;
    private IReadOnlyList<DomainSummary>? _domains;
    private readonly Dictionary<string, MemberDraft> _drafts = [];
    private (string Domain, string Key)? _newKey;
    private string _newName = "";
    private string _newDescription = "";
    private readonly UserActionState _action = new();

    [Inject]
    public required DomainService Domains { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        _user = user;
        _domains = await Domains.ListAsync(CancellationToken.None);
    });

    private string IngestSnippet(string domain, string key) =>
        $"curl -X POST -H \"X-Api-Key: {key}\" \\\n" +
        $"  --data-binary @events.ndjson {Navigation.BaseUri.TrimEnd('/')}/api/ingest/{domain}/{{source}}";

    private MemberDraft Draft(string domain)
    {
        if (!_drafts.TryGetValue(domain, out var draft))
            _drafts[domain] = draft = new MemberDraft();
        return draft;
    }

    private Task RotateAsync(string domain) => RunAsync(async () =>
    {
        var key = await Domains.RotateApiKeyAsync(_user!, domain, CancellationToken.None);
        _newKey = (domain, key);
    });

    private Task CreateAsync() => RunAsync(async () =>
    {
        var name = _newName.Trim();
        var key = await Domains.CreateAsync(_user!, name, _newDescription, CancellationToken.None);
        _newKey = (name, key);
        _newName = "";
        _newDescription = "";
        await ReloadAsync();
        _action.Say(Severity.Success, $"Domain {name} created. Add its owners below.");
    });

    private Task AddMemberAsync(string domain) => RunAsync(async () =>
    {
        var draft = Draft(domain);
        if (string.IsNullOrWhiteSpace(draft.UserName))
        {
            _action.Say(Severity.Error, "Type the user name of the member to add.");
            return;
        }
        await Domains.AddMemberAsync(_user!, domain, draft.UserName.Trim(), draft.Role, CancellationToken.None);
        _action.Say(Severity.Success, $"{draft.UserName.Trim()} is now {RoleText(draft.Role)} in {domain}.");
        _drafts.Remove(domain);
        await ReloadAsync();
    });

    private async Task ReloadAsync()
    {
        _user = await CurrentUser.GetAsync();
        _domains = await Domains.ListAsync(CancellationToken.None);
    }

    private Task RunAsync(Func<Task> action) => _action.RunAsync(action, clearMessage: true);

    private static string RoleText(DomainRole role) => role == DomainRole.Owner ? "owner" : "analyst";

    private sealed class MemberDraft
    {
        public string UserName { get; set; } = "";
        public DomainRole Role { get; set; } = DomainRole.Analyst;
    }
}
