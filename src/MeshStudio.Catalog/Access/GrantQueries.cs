using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Access;

/// <summary>Active grants of one user, judged by <see cref="AccessRules.IsGrantActive"/>.</summary>
internal static class GrantQueries
{
    /// <summary>Product id → expiry (null: no expiry) of the user's active grants.</summary>
    public static async Task<Dictionary<int, DateTime?>> ActiveGrantsAsync(
        MeshDbContext db, string userId, DateTime nowUtc, CancellationToken ct)
    {
        var approved = await db.AccessRequests.AsNoTracking()
            .Where(r => r.RequesterUserId == userId && r.Status == AccessRequestStatus.Approved)
            .Select(r => new { r.ProductId, r.ExpiresAt })
            .ToListAsync(ct);
        var active = new Dictionary<int, DateTime?>();
        foreach (var grant in approved.Where(g => AccessRules.IsGrantActive(true, g.ExpiresAt, nowUtc)))
        {
            // Of several grants the longest-lasting counts.
            if (!active.TryGetValue(grant.ProductId, out var existing) || (existing is not null && (grant.ExpiresAt is null || grant.ExpiresAt > existing)))
                active[grant.ProductId] = grant.ExpiresAt;
        }
        return active;
    }
}
