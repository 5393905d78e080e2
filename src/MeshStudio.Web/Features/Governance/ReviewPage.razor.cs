using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Governance;

/// <summary>One review: the automated checks, the product as the steward sees it, and the decision.</summary>
public sealed partial class ReviewPage
{
    private UserContext? _user;
    private ReviewDetails? _review;
    private bool _loading = true;
    private bool _busy;
    private string _comment = "";
    private string? _error;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required ReviewService Reviews { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter]
    public int Id { get; set; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

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
        _message = null;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        try
        {
            _user = await CurrentUser.GetAsync();
            if (!AccessRules.CanReview(_user) && !AccessRules.CanReadAudit(_user))
            {
                _error = "Governance reviews are for stewards: you are not one.";
                _review = null;
                return;
            }
            _review = await Reviews.GetAsync(_user, Id, CancellationToken.None);
        }
        catch (AccessDeniedException e)
        {
            _error = e.Message;
            _review = null;
        }
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
            Say(Severity.Error, "Say what the domain should change: a comment is required to reject.");
            return;
        }
        await DecideAsync(async () =>
        {
            await Reviews.RejectAsync(_user!, Id, _comment, CancellationToken.None);
            return $"Rejected: the {_review!.Product.Domain} domain can fix {_review.Product} and publish it again.";
        });
    }

    private async Task DecideAsync(Func<Task<string>> decide)
    {
        _busy = true;
        try
        {
            var done = await decide();
            _comment = "";
            await LoadAsync();
            Say(Severity.Success, done);
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            // E.g. the product changed since the review opened and a check now fails: show the fresh state.
            await LoadAsync();
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

    internal static Color StatusColor(ReviewStatus status) => status switch
    {
        ReviewStatus.Approved => Color.Success,
        ReviewStatus.Rejected => Color.Error,
        _ => Color.Warning,
    };
}
