using MeshStudio.Application.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Governance;

/// <summary>The stewards' queue: open reviews first, decided ones on the second tab.</summary>
public sealed partial class ReviewsPage : UserPage
{
    private IReadOnlyList<ReviewSummary>? _reviews;
    private int _tab;

    [Inject]
    public required ReviewService Reviews { get; init; }

    private IReadOnlyList<ReviewSummary> Open => _reviews?.Where(r => r.Status == ReviewStatus.Open).ToList() ?? [];

    private IReadOnlyList<ReviewSummary> Decided => _reviews?.Where(r => r.Status != ReviewStatus.Open).ToList() ?? [];

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        if (!AccessRules.CanReview(user) && !AccessRules.CanReadAudit(user))
        {
            Error = "Governance reviews are for stewards: you are not one.";
            return;
        }
        _reviews = await Reviews.ListAsync(user, null, CancellationToken.None);
    });
}
