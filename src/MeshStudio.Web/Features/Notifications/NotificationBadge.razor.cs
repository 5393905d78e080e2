using MeshStudio.Application.Notifications;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Notifications;

/// <summary>
/// The unread count in the top bar, live: the inbox's signal (raised after a notification commits) re-reads the count and
/// pushes it to the browser over the circuit's SignalR connection.
/// </summary>
public sealed partial class NotificationBadge
{
    [Inject]
    public required NotificationService Inbox { get; init; }

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    private UserContext? _user;
    private IDisposable? _listening;
    private int _unread;

    private string Label => _unread == 0 ? "Notifications" : $"Notifications: {_unread} unread";

    protected override async Task OnInitializedAsync()
    {
        _user = await CurrentUser.GetAsync();
        _unread = await Inbox.UnreadCountAsync(_user, CancellationToken.None);
        _listening = Inbox.Listen(_user, () => _ = InvokeAsync(RefreshAsync));
    }

    private async Task RefreshAsync()
    {
        if (_user is null)
            return;
        _unread = await Inbox.UnreadCountAsync(_user, CancellationToken.None);
        StateHasChanged();
    }

    public void Dispose() => _listening?.Dispose();
}
