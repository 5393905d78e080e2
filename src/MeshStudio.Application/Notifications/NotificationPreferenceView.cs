using MeshStudio.Core.Notifications;

namespace MeshStudio.Application.Notifications;

/// <summary>Whether the user gets one kind of notification, and what the kind is, in words.</summary>
public sealed record NotificationPreferenceView(NotificationKind Kind, string Description, bool Enabled);
