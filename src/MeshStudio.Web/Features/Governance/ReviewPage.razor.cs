using MeshStudio.Application.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Governance;

/// <summary>One review: the automated checks, the product as the steward sees it, and the decision.</summary>
public sealed partial class ReviewPage : UserPage
{
    private UserContext? _user;
    private ReviewDetails? _review;
    private bool _loading = true;
    private string _comment = "";
    private readonly UserActionState _action = new();

    [Inject]
    public required ReviewService Reviews { get; init; }

    [Parameter]
    public int Id { get; set; }

    /// <summary>Why Approve is disabled: the messages of the failed blocking checks.</summary>
    private string? BlockingReason
    {
        get
        {
            var failed = _review?.Checks.Where(c => c.Blocking && !c.Passed).Select(c => c.Message).ToList() ?? [];
            return failed.Count == 0 ? null : string.Join(" ", failed);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _action.Clear();
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        var loaded = await LoadForUserAsync(async user =>
        {
            _user = user;
            if (!AccessRules.CanReview(user) && !AccessRules.CanReadAudit(user))
            {
                Error = "Governance reviews are for stewards: you are not one.";
                _review = null;
                return;
            }
            _review = await Reviews.GetAsync(user, Id, CancellationToken.None);
        });
        if (!loaded)
            _review = null;
    }

    private async Task ApproveAsync()
    {
        await DecideAsync(async () =>
        {
            await Reviews.ApproveAsync(_user!, Id, _comment, CancellationToken.None);
            return $"Approved: {_review!.Product} is published in the marketplace.";
        });
    }

    private async Task RejectAsync()
    {
        if (string.IsNullOrWhiteSpace(_comment))
        {
            _action.Say(Severity.Error, "Say what the domain should change: a comment is required to reject.");
            return;
        }
        await DecideAsync(async () =>
        {
            await Reviews.RejectAsync(_user!, Id, _comment, CancellationToken.None);
            return $"Rejected: the {_review!.Product.Domain} domain can fix {_review.Product} and publish it again.";
        });
    }

    // On a refusal (e.g. the product changed since the review opened and a check now fails) it shows the fresh state.
    private Task DecideAsync(Func<Task<string>> decide) => _action.RunAsync(async () =>
    {
        var done = await decide();
        _comment = "";
        await LoadAsync();
        _action.Say(Severity.Success, done);
    }, onRefused: LoadAsync);

    internal static Color StatusColor(ReviewStatus status) => status switch
    {
        ReviewStatus.Approved => Color.Success,
        ReviewStatus.Rejected => Color.Error,
        _ => Color.Warning,
    };
}
