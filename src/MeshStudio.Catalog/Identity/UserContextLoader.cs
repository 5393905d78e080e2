using MeshStudio.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Identity;

/// <summary>Builds the <see cref="UserContext"/> every access rule is evaluated against.</summary>
public sealed class UserContextLoader(IDbContextFactory<MeshDbContext> dbFactory)
{
    /// <summary>Null when the user does not exist.</summary>
    public async Task<UserContext?> LoadAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadAsync(db, userId, ct);
    }

    /// <summary>Same as <see cref="LoadAsync(string, CancellationToken)"/>, by user name (seeding, tests, CLI).</summary>
    public async Task<UserContext?> LoadByUserNameAsync(string userName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedUserName == normalized || u.UserName == userName)
            .Select(u => u.Id)
            .FirstOrDefaultAsync(ct);
        return userId is null ? null : await LoadAsync(db, userId, ct);
    }

    internal static async Task<UserContext?> LoadAsync(MeshDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName })
            .SingleOrDefaultAsync(ct);
        if (user is null)
            return null;

        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where userRole.UserId == userId
                           select role.Name).ToListAsync(ct);
        var memberships = await db.DomainMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new { Domain = m.Domain!.Name, m.Role })
            .ToDictionaryAsync(m => m.Domain, m => m.Role, ct);

        bool HasRole(string name) => roles.Any(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
        return new UserContext(
            user.Id,
            user.UserName ?? user.Id,
            HasRole(PlatformRoles.Admin),
            HasRole(PlatformRoles.Steward),
            memberships);
    }
}
