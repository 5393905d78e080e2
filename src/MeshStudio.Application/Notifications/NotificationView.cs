using MeshStudio.Core.Notifications;

namespace MeshStudio.Application.Notifications;

/// <summary>One entry of the user's inbox.</summary>
/// <param name="Link">The app path where the user acts on it.</param>
public sealed record NotificationView(long Id, NotificationKind Kind, string Title, string Link, DateTime CreatedAt, DateTime? ReadAt);
