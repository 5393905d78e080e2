using MeshStudio.Catalog;
using MeshStudio.Catalog.Notifications;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Notifications;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Notifications;

/// <summary>
/// The notifications each event writes, into the caller's unit of work so they commit with it (ADR 26): who is told and
/// the page where they act (the app's routes: <c>/access</c>, <c>/products/d/n</c>, <c>/governance/reviews/id</c>, <c>/jobs/d/n</c>).
/// </summary>
internal static class InboxEvents
{
    public static async Task AccessRequestedAsync(MeshDbContext db, int productId, QualifiedName product, string requester, DateTime now, CancellationToken ct) =>
        await NotificationWriter.AddAsync(db, await OwnersAsync(db, productId, product.Domain, ct), NotificationKind.AccessRequested,
            $"{requester} asks for access to {product}.", "/access", now, ct);

    public static Task AccessDecidedAsync(MeshDbContext db, string requesterId, QualifiedName product, bool approved, DateTime now, CancellationToken ct) =>
        NotificationWriter.AddAsync(db, [requesterId], NotificationKind.AccessDecided,
            approved ? $"Your access to {product} is approved." : $"Your access request for {product} is refused.", ProductLink(product), now, ct);

    public static Task ReviewDecidedAsync(MeshDbContext db, string authorId, int reviewId, QualifiedName product, bool approved, DateTime now, CancellationToken ct) =>
        NotificationWriter.AddAsync(db, [authorId], NotificationKind.ReviewDecided,
            approved ? $"{product} is approved and published." : $"The review of {product} is rejected: see what to change.", $"/governance/reviews/{reviewId}", now, ct);

    public static Task BreakingChangeAsync(MeshDbContext db, IEnumerable<string> consumerIds, QualifiedName product, QualifiedName newMajor, string version, DateTime now, CancellationToken ct) =>
        NotificationWriter.AddAsync(db, consumerIds, NotificationKind.BreakingChange,
            $"{product}, which you use, has a breaking change: version {version} is {newMajor}; {product} stays readable until its deprecation date.",
            ProductLink(product), now, ct);

    public static async Task JobFailedAsync(MeshDbContext db, int productId, QualifiedName product, QualifiedName job, DateTime now, CancellationToken ct) =>
        await NotificationWriter.AddAsync(db, await OwnersAsync(db, productId, product.Domain, ct), NotificationKind.JobFailed,
            $"Job {job} failed: {product} is not updated.", $"/jobs/{job.Domain}/{job.Name}", now, ct);

    private static string ProductLink(QualifiedName product) => $"/products/{product.Domain}/{product.Name}";

    /// <summary>The product's owner and the owners of its domain.</summary>
    private static async Task<List<string?>> OwnersAsync(MeshDbContext db, int productId, string domain, CancellationToken ct)
    {
        var owners = await db.DomainMembers.AsNoTracking().Where(m => m.Domain!.Name == domain && m.Role == DomainRole.Owner)
            .Select(m => (string?)m.UserId).ToListAsync(ct);
        owners.Add(await db.Products.Where(p => p.Id == productId).Select(p => p.OwnerUserId).SingleOrDefaultAsync(ct));
        return owners;
    }
}
