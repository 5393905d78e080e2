using MeshStudio.Application.Governance;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Governance;

/// <summary>The append-only audit log, paged, newest first (stewards and admins, as <see cref="AuditService"/> decides).</summary>
public sealed partial class AuditPage : UserPage
{
    public const int PageSize = 50;

    private IReadOnlyList<AuditEntryView>? _entries;
    private int _total;
    private int _page = 1;
    private AuditVerification? _verification;
    private bool _verifying;

    [Inject]
    public required AuditService Audit { get; init; }

    private int Skip => (_page - 1) * PageSize;

    private int PageCount => (_total + PageSize - 1) / PageSize;

    protected override Task OnInitializedAsync() => LoadForUserAsync(LoadAsync);

    private async Task GoToAsync(int page)
    {
        _page = page;
        await LoadForUserAsync(LoadAsync);
    }

    /// <summary>Walks the chain; the result names the first broken entry, and the new audit.verified entry shows.</summary>
    private async Task VerifyAsync()
    {
        _verifying = true;
        try
        {
            await LoadForUserAsync(async user =>
            {
                _verification = await Audit.VerifyAsync(user, CancellationToken.None);
                await LoadAsync(user);
            });
        }
        finally
        {
            _verifying = false;
        }
    }

    private async Task LoadAsync(UserContext user) =>
        (_total, _entries) = await Audit.ListAsync(user, Skip, PageSize, CancellationToken.None);
}
