using MeshStudio.Application.Access;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;

namespace MeshStudio.Web.Features.Home;

/// <summary>The start page: one card per journey the user has, and the shape of the mesh.</summary>
public sealed partial class HomePage : UserPage
{
    private UserContext? _user;
    private string _displayName = "";
    private bool _isAuthor;
    private bool _isSteward;
    private int _openReviews;
    private int _approvableReviews;
    private int? _pendingDecisions;
    private string _search = "";
    private IReadOnlyList<JobView> _jobs = [];
    private IReadOnlyList<AccessRequestView> _myRequests = [];
    private IReadOnlyList<DomainSummary> _domains = [];

    [Inject]
    public required UserManager<AppUser> Users { get; init; }

    [Inject]
    public required DomainService Domains { get; init; }

    [Inject]
    public required JobService Jobs { get; init; }

    [Inject]
    public required ReviewService Reviews { get; init; }

    [Inject]
    public required AccessService Access { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        _displayName = await Users.DisplayNameAsync(user);
        _isAuthor = user.IsAdmin || user.Memberships.Keys.Any(d => AccessRules.CanAuthorIn(user, d));
        _isSteward = AccessRules.CanReview(user);
        if (_isAuthor)
            _jobs = await Jobs.ListAsync(user, CancellationToken.None);
        if (_isSteward)
        {
            var open = await Reviews.ListAsync(user, ReviewStatus.Open, CancellationToken.None);
            _openReviews = open.Count;
            _approvableReviews = open.Count(r => r.CanApprove);
        }
        if (user.IsAdmin || user.Memberships.Keys.Any(d => AccessRules.CanManageDomain(user, d)))
            _pendingDecisions = (await Access.ListPendingForApproverAsync(user, CancellationToken.None)).Count;
        _myRequests = await Access.ListMineAsync(user, CancellationToken.None);
        _domains = await Domains.ListAsync(CancellationToken.None);
        _user = user;
    });

    private IEnumerable<string> RoleLabels()
    {
        if (_user is null)
            yield break;
        if (_user.IsAdmin)
            yield return "admin";
        if (_user.IsSteward)
            yield return "steward";
        foreach (var (domain, role) in _user.Memberships.OrderBy(m => m.Key, StringComparer.Ordinal))
            yield return role == DomainRole.Owner ? $"owner of {domain}" : $"analyst in {domain}";
        yield return "consumer";
    }

    private void SearchOnEnter(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter")
            Search();
    }

    private void Search() =>
        Navigation.NavigateTo(string.IsNullOrWhiteSpace(_search)
            ? AppUrls.Marketplace
            : $"{AppUrls.Marketplace}?q={Uri.EscapeDataString(_search.Trim())}");

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
