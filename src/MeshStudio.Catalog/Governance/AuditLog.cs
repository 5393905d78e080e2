using MeshStudio.Catalog.Model;
using MeshStudio.Core.Governance;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Governance;

/// <summary>
/// The append-only audit log: who did what to which object. There is deliberately no update or
/// delete API, and database triggers refuse both. Every entry is chained to the one before it by a keyed seal
/// when it is saved (<see cref="AuditChainInterceptor"/>), so changes made behind the server's back show in
/// <see cref="VerifyAsync"/> (ADR 14).
/// </summary>
public sealed class AuditLog(IDbContextFactory<MeshDbContext> dbFactory, TimeProvider time, AuditChainVerifier verifier)
{
    public const string VerifiedAction = "audit.verified";

    public async Task WriteAsync(string actor, string action, string target, string details, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Append(db, actor, action, target, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 0, 1000))
            .Select(a => new AuditEntryView(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details))
            .ToListAsync(ct);
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.CountAsync(ct);
    }

    /// <summary>
    /// Walks the whole chain and records that <paramref name="actor"/> did, with the outcome: the newest entry's id and
    /// seal when intact, the first broken entry otherwise. Who may verify is the audit use case's decision.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(string actor, CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(ct);
        var details = result.FirstBreak is { } broken
            ? $"broken at entry {broken.Id}: {broken.Reasons}"
            : $"intact: {result.Count} entries, newest {result.HeadId} sealed {result.HeadHash}";
        await WriteAsync(actor, VerifiedAction, "audit log", details, ct);
        return result;
    }

    /// <summary>Adds an entry to a unit of work, so it is saved in the same transaction as the change it records.</summary>
    internal void Append(MeshDbContext db, string actor, string action, string target, string details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            Target = target,
            Details = details,
        });
}
