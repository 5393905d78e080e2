using MeshStudio.Catalog.Access;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Access;

/// <summary>
/// Access requests (C9): the user's own requests with their status and expiry, and for owners of a domain
/// the pending requests on its products, approved (optionally until a date) or rejected here.
/// </summary>
public sealed partial class AccessPage
{
    private UserContext? _user;
    private IReadOnlyList<AccessRequestView>? _mine;
    private IReadOnlyList<AccessRequestView>? _toDecide;
    private readonly Dictionary<int, DecisionDraft> _drafts = [];
    private bool _busy;
    private string? _error;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required AccessService Access { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _user = await CurrentUser.GetAsync();
            await LoadAsync();
        }
        catch (AccessDeniedException e)
        {
            _error = e.Message;
        }
    }

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
        _busy = true;
        try
        {
            // The picker gives a local calendar date: access lasts until the end of that day (UTC).
            DateTime? expires = draft.ExpiresAt is { } date
                ? DateTime.SpecifyKind(date.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc)
                : null;
            await Access.DecideAsync(_user!, request.Id, approve, draft.Comment, approve ? expires : null, CancellationToken.None);
            _drafts.Remove(request.Id);
            await LoadAsync();
            Say(Severity.Success, approve
                ? $"{request.RequesterDisplayName} can now read {request.Product}{(expires is null ? "" : $" until {Freshness.Date(expires)}")}."
                : $"The request of {request.RequesterDisplayName} for {request.Product} was rejected.");
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            Say(Severity.Error, e.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Say(Severity severity, string message)
    {
        _messageSeverity = severity;
        _message = message;
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
