using MeshStudio.Application.Notifications;

namespace MeshStudio.Web.Api;

/// <summary>The answer of <c>GET /api/notifications</c>.</summary>
public sealed record InboxResponse(int Unread, IReadOnlyList<NotificationView> Notifications);
