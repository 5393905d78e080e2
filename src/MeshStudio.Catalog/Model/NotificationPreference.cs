using MeshStudio.Core.Notifications;

namespace MeshStudio.Catalog.Model;

/// <summary>A kind of notification a user turned off (or back on); without a row a kind is on.</summary>
public sealed class NotificationPreference
{
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public bool Enabled { get; set; }
}
