using MeshStudio.Catalog.Model;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Notifications;

/// <summary>How notifications and preferences are stored: an inbox read newest first per user, one preference per user and kind.</summary>
internal static class NotificationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Notification>().HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Notification>().HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
        builder.Entity<NotificationPreference>().HasKey(p => new { p.UserId, p.Kind });
        builder.Entity<NotificationPreference>().HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
