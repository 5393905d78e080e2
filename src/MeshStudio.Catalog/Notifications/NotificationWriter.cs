using MeshStudio.Catalog.Model;
using MeshStudio.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Notifications;

/// <summary>
/// Adds notifications to the caller's unit of work, so they commit (or roll back) with the event they tell about; users
/// who turned the kind off get none. <see cref="NotificationDelivery"/> tells the live inboxes once the work commits.
/// </summary>
internal static class NotificationWriter
{
    public static async Task AddAsync(
        MeshDbContext db, IEnumerable<string?> userIds, NotificationKind kind, string title, string link, DateTime now, CancellationToken ct)
    {
        var users = userIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (users.Count == 0)
            return;
        var off = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.Kind == kind && !p.Enabled && users.Contains(p.UserId))
            .Select(p => p.UserId)
            .ToListAsync(ct);
        foreach (var user in users.Except(off, StringComparer.Ordinal))
            db.Notifications.Add(new Notification { UserId = user, Kind = kind, Title = Cut(title), Link = link, CreatedAt = now });
    }

    private static string Cut(string title) => title.Length <= 300 ? title : title[..299] + "…";
}
