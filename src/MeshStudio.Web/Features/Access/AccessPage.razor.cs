using MeshStudio.Application.Access;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Components.Shared;
using MeshStudio.Web.Features.Catalog;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Access;

/// <summary>
/// Access requests: the user's own requests with their status and expiry, and for owners of a domain
/// the pending requests on its products, approved (optionally until a date) or rejected here.
/// </summary>
public sealed partial class AccessPage : UserPage
{
    private UserContext? _user;
    private IReadOnlyList<AccessRequestView>? _mine;
    private IReadOnlyList<AccessRequestView>? _toDecide;
    private readonly Dictionary<int, DecisionDraft> _drafts = [];
    private readonly UserActionState _action = new();

    [Inject]
    public required AccessService Access { get; init; }

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        _user = user;
        await LoadAsync();
    });

    private async Task LoadAsync()
    {
        var user = _user!;
        _mine = await Access.ListMineAsync(user, CancellationToken.None);
        var manages = user.IsAdmin || user.Memberships.Keys.Any(d => AccessRules.CanManageDomain(user, d));
        _toDecide = manages ? await Access.ListPendingForApproverAsync(user, CancellationToken.None) : null;
    }

    private DecisionDraft Draft(int id)
    {
        if (!_drafts.TryGetValue(id, out var draft))
            _drafts[id] = draft = new DecisionDraft();
        return draft;
    }

    private async Task DecideAsync(AccessRequestView request, bool approve)
    {
        var draft = Draft(request.Id);
        await _action.RunAsync(async () =>
        {
            // The picker gives a local calendar date: access lasts until the end of that day (UTC).
            DateTime? expires = draft.ExpiresAt is { } date
                ? DateTime.SpecifyKind(date.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc)
                : null;
            await Access.DecideAsync(_user!, request.Id, approve, draft.Comment, approve ? expires : null, CancellationToken.None);
            _drafts.Remove(request.Id);
            await LoadAsync();
            _action.Say(Severity.Success, approve
                ? $"{request.RequesterDisplayName} can now read {request.Product}{(expires is null ? "" : $" until {Freshness.Date(expires)}")}."
                : $"The request of {request.RequesterDisplayName} for {request.Product} was rejected.");
        });
    }

    private bool IsExpired(AccessRequestView request) =>
        request.Status == AccessRequestStatus.Approved && !AccessRules.IsGrantActive(true, request.ExpiresAt, Now);

    private string StatusText(AccessRequestView request) =>
        IsExpired(request) ? "Expired" : request.Status.ToString();

    private Color StatusColor(AccessRequestView request) => IsExpired(request) ? Color.Default : request.Status switch
    {
        AccessRequestStatus.Approved => Color.Success,
        AccessRequestStatus.Rejected => Color.Error,
        _ => Color.Warning,
    };

    private sealed class DecisionDraft
    {
        public DateTime? ExpiresAt { get; set; }
        public string? Comment { get; set; }
    }
}
