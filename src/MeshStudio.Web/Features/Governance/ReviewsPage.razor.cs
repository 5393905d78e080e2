using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Governance;

/// <summary>The stewards' queue: open reviews first, decided ones on the second tab.</summary>
public sealed partial class ReviewsPage
{
    private IReadOnlyList<ReviewSummary>? _reviews;
    private string? _error;
    private int _tab;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required ReviewService Reviews { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    private IReadOnlyList<ReviewSummary> Open => _reviews?.Where(r => r.Status == ReviewStatus.Open).ToList() ?? [];

    private IReadOnlyList<ReviewSummary> Decided => _reviews?.Where(r => r.Status != ReviewStatus.Open).ToList() ?? [];

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = await CurrentUser.GetAsync();
            if (!AccessRules.CanReview(user) && !AccessRules.CanReadAudit(user))
            {
                _error = "Governance reviews are for stewards: you are not one.";
                return;
            }
            _reviews = await Reviews.ListAsync(user, null, CancellationToken.None);
        }
        catch (AccessDeniedException e)
        {
            _error = e.Message;
        }
    }
}
