using MeshStudio.Application.Semantics;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Semantics;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Governance;

/// <summary>
/// The governed semantic types. Every signed-in user may read them (anyone can call <c>align</c>, so anyone
/// should see what it maps); stewards and admins add values and synonyms and check sources for unmatched values.
/// </summary>
public sealed partial class GlossaryPage
{
    private readonly Dictionary<string, Draft> _drafts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<GlossaryUnmatchedColumn>> _unmatched = new(StringComparer.Ordinal);
    private IReadOnlyList<SemanticType>? _types;
    private UserContext? _user;
    private bool _canEdit;
    private bool _busy;
    private string? _message;
    private string? _newName;
    private string? _newDescription;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required SemanticTypeService Types { get; init; }

    [Inject]
    public required GlossaryUnmatched Unmatched { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _user = await CurrentUser.GetAsync();
        _canEdit = SemanticTypeService.CanEdit(_user);
        _types = await Types.ListAsync(CancellationToken.None);
    }

    private Draft DraftFor(string type)
    {
        if (!_drafts.TryGetValue(type, out var draft))
            _drafts[type] = draft = new Draft();
        return draft;
    }

    private Task AddAsync(string type) => RunAsync(async () =>
    {
        var draft = DraftFor(type);
        await Types.AddAsync(_user!, type, draft.Canonical ?? "", draft.Synonym, CancellationToken.None);
        _drafts.Remove(type);
        _unmatched.Remove(type);
    });

    private Task CreateAsync() => RunAsync(async () =>
    {
        if (_types!.Any(t => t.Name == _newName?.Trim()))
            throw new RuleViolationException($"There already is a semantic type '{_newName}'.");
        await Types.UpsertAsync(_user!, new SemanticType(_newName ?? "", _newDescription ?? "", []), CancellationToken.None);
        _newName = _newDescription = null;
    });

    private Task FindUnmatchedAsync(string type) => RunAsync(async () =>
        _unmatched[type] = await Unmatched.FindAsync(_user!, type, CancellationToken.None));

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _message = null;
        try
        {
            await action();
            _types = await Types.ListAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is RuleViolationException or AccessDeniedException)
        {
            _message = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>What a steward is typing into one type's form.</summary>
    private sealed class Draft
    {
        public string? Canonical { get; set; }
        public string? Synonym { get; set; }
    }
}
