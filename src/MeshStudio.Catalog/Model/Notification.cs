using MeshStudio.Core.Notifications;

namespace MeshStudio.Catalog.Model;

/// <summary>One entry of a user's inbox, written in the transaction of the event it tells about (ADR 26).</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>The app path where the user acts on it.</summary>
    public required string Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
