using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;

namespace MeshStudio.Application.Governance;

/// <summary>
/// The audit log's use cases: reading it page by page and verifying its chain, for stewards and administrators only
/// (one check, one message); and recording what the host itself observes (sign-ins, refused requests), which has no
/// catalog change to commit with. Use cases record their own changes in the change's transaction (ADR 14).
/// </summary>
public sealed class AuditService(AuditLog log)
{
    public const string ReadersOnly = "The audit log is for stewards and administrators.";

    /// <summary>Entries newest first, <paramref name="take"/> at most, after skipping <paramref name="skip"/>, with the total.</summary>
    public async Task<AuditEntries> ListAsync(UserContext user, int skip, int take, CancellationToken ct)
    {
        EnsureMayRead(user);
        return new AuditEntries(await log.CountAsync(ct), await log.ListAsync(skip, take, ct));
    }

    /// <summary>Walks the whole chain; the verification is itself recorded (<see cref="AuditLog.VerifiedAction"/>).</summary>
    public Task<AuditVerification> VerifyAsync(UserContext user, CancellationToken ct)
    {
        EnsureMayRead(user);
        return log.VerifyAsync(user.UserName, ct);
    }

    /// <summary>Records an event the host observed; <paramref name="details"/> never carries data values.</summary>
    public Task RecordAsync(string actor, string action, string target, string details, CancellationToken ct) =>
        log.WriteAsync(actor, action, target, details, ct);

    private static void EnsureMayRead(UserContext user)
    {
        if (!AccessRules.CanReadAudit(user))
            throw new AccessDeniedException(ReadersOnly);
    }
}
