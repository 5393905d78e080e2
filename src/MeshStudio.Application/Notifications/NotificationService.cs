using MeshStudio.Catalog;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Notifications;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Notifications;

/// <summary>
/// A user's inbox (ADR 26): their notifications newest first, the unread count, marking read, the kinds they get, and a
/// live signal when the inbox changes. Everyone reaches only their own: another user's notification is not found.
/// </summary>
public sealed class NotificationService(IDbContextFactory<MeshDbContext> dbFactory, NotificationSignal signal, TimeProvider time)
{
    public const int MaxTake = 200;

    public async Task<IReadOnlyList<NotificationView>> ListAsync(UserContext user, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == user.UserId)
            .OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, MaxTake))
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
    }

    public async Task<int> UnreadCountAsync(UserContext user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == user.UserId && n.ReadAt == null, ct);
    }

    /// <summary>Marks one of the user's notifications read; <see cref="KeyNotFoundException"/> when it is not theirs.</summary>
    public async Task MarkReadAsync(UserContext user, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == user.UserId, ct)
            ?? throw new KeyNotFoundException($"You have no notification {id}.");
        notification.ReadAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks every unread notification of the user read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(UserContext user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unread = await db.Notifications.Where(n => n.UserId == user.UserId && n.ReadAt == null).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var notification in unread)
            notification.ReadAt = now;
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }

    public async Task<IReadOnlyList<NotificationPreferenceView>> PreferencesAsync(UserContext user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var off = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == user.UserId && !p.Enabled)
            .Select(p => p.Kind).ToListAsync(ct);
        return Enum.GetValues<NotificationKind>().Select(k => new NotificationPreferenceView(k, Describe(k), !off.Contains(k))).ToList();
    }

    public async Task SetPreferenceAsync(UserContext user, NotificationKind kind, bool enabled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Enum.IsDefined(kind))
            throw new Core.Access.RuleViolationException($"There is no kind of notification {kind}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == user.UserId && p.Kind == kind, ct);
        if (preference is null)
            db.NotificationPreferences.Add(new NotificationPreference { UserId = user.UserId, Kind = kind, Enabled = enabled });
        else
            preference.Enabled = enabled;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Calls <paramref name="changed"/> after every committed change of the user's inbox, until disposed.</summary>
    public IDisposable Listen(UserContext user, Action changed)
    {
        ArgumentNullException.ThrowIfNull(user);
        return signal.Listen(user.UserId, changed);
    }

    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.AccessRequested => "Someone asks for access to a product you own",
        NotificationKind.AccessDecided => "Your access request is decided",
        NotificationKind.ReviewDecided => "A review you opened is approved or rejected",
        NotificationKind.BreakingChange => "A product you use has a breaking change (a new major version)",
        NotificationKind.JobFailed => "The job of a product you own fails",
        _ => kind.ToString(),
    };
}
