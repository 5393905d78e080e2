using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Governance;

/// <summary>The append-only audit log, paged, newest first (stewards and admins).</summary>
public sealed partial class AuditPage
{
    public const int PageSize = 50;

    private IReadOnlyList<AuditEntryView>? _entries;
    private int _total;
    private int _page = 1;
    private string? _error;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required AuditLog Audit { get; init; }

    private int Skip => (_page - 1) * PageSize;

    private int PageCount => (_total + PageSize - 1) / PageSize;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = await CurrentUser.GetAsync();
            if (!AccessRules.CanReadAudit(user))
            {
                _error = "The audit log is for stewards and administrators.";
                return;
            }
            await LoadAsync();
        }
        catch (AccessDeniedException e)
        {
            _error = e.Message;
        }
    }

    private async Task GoToAsync(int page)
    {
        _page = page;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _total = await Audit.CountAsync(CancellationToken.None);
        _entries = await Audit.ListAsync(Skip, PageSize, CancellationToken.None);
    }
}
