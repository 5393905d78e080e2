using MeshStudio.Application.Notifications;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Notifications;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Notifications;

/// <summary>The user's inbox (ADR 26): newest first, live, each entry opening the page where to act; and which kinds they get.</summary>
public sealed partial class NotificationsPage
{
    [Inject]
    public required NotificationService Inbox { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private readonly UserActionState _action = new();
    private IReadOnlyList<NotificationView> _items = [];
    private IReadOnlyList<NotificationPreferenceView> _preferences = [];
    private IDisposable? _listening;
    private bool _loaded;

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        await LoadAsync(user);
        _listening = Inbox.Listen(user, () => _ = InvokeAsync(async () =>
        {
            await LoadAsync(user);
            StateHasChanged();
        }));
    });

    private async Task LoadAsync(UserContext user)
    {
        _items = await Inbox.ListAsync(user, 100, CancellationToken.None);
        _preferences = await Inbox.PreferencesAsync(user, CancellationToken.None);
        _loaded = true;
    }

    private Task MarkReadAsync(NotificationView notification) => _action.RunAsync(async () =>
    {
        var user = await CurrentUser.GetAsync();
        await Inbox.MarkReadAsync(user, notification.Id, CancellationToken.None);
        await LoadAsync(user);
    });

    private async Task OpenAsync(NotificationView notification)
    {
        if (notification.ReadAt is null)
            await Inbox.MarkReadAsync(await CurrentUser.GetAsync(), notification.Id, CancellationToken.None);
        Navigation.NavigateTo(notification.Link);
    }

    private Task MarkAllReadAsync() => _action.RunAsync(async () =>
    {
        var user = await CurrentUser.GetAsync();
        var count = await Inbox.MarkAllReadAsync(user, CancellationToken.None);
        await LoadAsync(user);
        _action.Say(Severity.Success, count == 1 ? "1 notification marked read." : $"{count} notifications marked read.");
    }, clearMessage: true);

    private Task SetPreferenceAsync(NotificationPreferenceView preference, bool enabled) => _action.RunAsync(async () =>
    {
        var user = await CurrentUser.GetAsync();
        await Inbox.SetPreferenceAsync(user, preference.Kind, enabled, CancellationToken.None);
        await LoadAsync(user);
    });

    private static string Icon(NotificationKind kind) => kind switch
    {
        NotificationKind.AccessRequested or NotificationKind.AccessDecided => Icons.Material.Outlined.Key,
        NotificationKind.ReviewDecided => Icons.Material.Outlined.FactCheck,
        NotificationKind.BreakingChange => Icons.Material.Outlined.NewReleases,
        _ => Icons.Material.Outlined.ErrorOutline,
    };

    public void Dispose() => _listening?.Dispose();
}
