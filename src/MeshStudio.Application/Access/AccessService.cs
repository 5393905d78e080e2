using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Access;

/// <summary>Access requests and grants: consumers ask with a purpose, the owning domain decides.</summary>
public sealed class AccessService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const int MinPurposeLength = 10;
    public const int MaxPurposeLength = 2000;
    public const int MaxCommentLength = 2000;

    /// <summary>Asks for access to a published product of another domain; returns the request id.</summary>
    public async Task<int> RequestAsync(UserContext user, QualifiedName product, string purpose, CancellationToken ct)
    {
        purpose = (purpose ?? "").Trim();
        if (purpose.Length < MinPurposeLength)
            throw new RuleViolationException(
                $"Describe what you will use {product} for (at least {MinPurposeLength} characters), so its owners can decide.");
        if (purpose.Length > MaxPurposeLength)
            throw new RuleViolationException($"The purpose may have at most {MaxPurposeLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Products.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Domain!.Name == product.Domain && p.Name == product.Name, ct);
        if (entity is null || !AccessRules.CanSeeProduct(user, product.Domain, entity.Status))
            throw new RuleViolationException($"There is no data product {product}.");
        if (user.IsMemberOf(product.Domain))
            throw new RuleViolationException($"You are a member of the {product.Domain} domain and can already read {product}.");
        if (!AccessRules.CanRequestAccess(user, product.Domain, entity.Status))
            throw new RuleViolationException($"{product} is not published yet; access can be requested once it is in the marketplace.");

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.AccessRequests.AsNoTracking()
            .Where(r => r.ProductId == entity.Id && r.RequesterUserId == user.UserId && r.Status != AccessRequestStatus.Rejected)
            .Select(r => new { r.Status, r.ExpiresAt })
            .ToListAsync(ct);
        if (existing.Any(r => r.Status == AccessRequestStatus.Pending))
            throw new RuleViolationException($"You already asked for access to {product}; the {product.Domain} domain has not decided yet.");
        if (existing.Any(r => AccessRules.IsGrantActive(r.Status == AccessRequestStatus.Approved, r.ExpiresAt, now)))
            throw new RuleViolationException($"You already have access to {product}.");

        var request = db.AccessRequests.Add(new AccessRequest
        {
            ProductId = entity.Id,
            RequesterUserId = user.UserId,
            Purpose = purpose,
            Status = AccessRequestStatus.Pending,
            RequestedAt = now,
        }).Entity;
        audit.Append(db, user.UserName, "access.requested", product.ToString(), purpose);
        await Notifications.InboxEvents.AccessRequestedAsync(db, entity.Id, product, user.UserName, now, ct);
        await db.SaveChangesAsync(ct);
        return request.Id;
    }

    /// <summary>
    /// Pending requests the user may decide, oldest first: on products of the domains they manage (all domains
    /// for admins), never their own.
    /// </summary>
    public async Task<IReadOnlyList<AccessRequestView>> ListPendingForApproverAsync(UserContext owner, CancellationToken ct)
    {
        var managed = owner.Memberships.Where(m => m.Value == DomainRole.Owner).Select(m => m.Key).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var views = await Views(db.AccessRequests
                .Where(r => r.Status == AccessRequestStatus.Pending && (owner.IsAdmin || managed.Contains(r.Product!.Domain!.Name)))
                .OrderBy(r => r.Id))
            .ToListAsync(ct);
        return views.Where(v => AccessRules.CanDecideAccessRequest(owner, v.Product.Domain, v.RequesterUserId)).ToList();
    }

    /// <summary>The user's own requests, newest first.</summary>
    public async Task<IReadOnlyList<AccessRequestView>> ListMineAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Views(db.AccessRequests.Where(r => r.RequesterUserId == user.UserId).OrderByDescending(r => r.Id))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Approves (optionally until <paramref name="expiresAt"/>) or rejects a pending request: owners of the
    /// product's domain and admins, but not the requester (<see cref="AccessRules.CanDecideAccessRequest"/>).
    /// </summary>
    public async Task DecideAsync(
        UserContext owner, int id, bool approve, string? comment, DateTime? expiresAt, CancellationToken ct)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
            throw new RuleViolationException($"The comment may have at most {MaxCommentLength} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.AccessRequests
            .Include(r => r.Product!).ThenInclude(p => p.Domain)
            .Include(r => r.Requester)
            .SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new RuleViolationException($"There is no access request {id}.");
        var product = new QualifiedName(request.Product!.Domain!.Name, request.Product.Name);
        if (!AccessRules.CanManageDomain(owner, product.Domain))
            throw new AccessDeniedException($"Only owners of the {product.Domain} domain can decide access to {product}.");
        if (!AccessRules.CanDecideAccessRequest(owner, product.Domain, request.RequesterUserId))
            throw new AccessDeniedException(
                $"You cannot decide your own request for {product}; another owner of the {product.Domain} domain must decide it.");
        if (request.Status != AccessRequestStatus.Pending)
            throw new RuleViolationException($"This request was already {request.Status.ToString().ToLowerInvariant()}.");

        var now = time.GetUtcNow().UtcDateTime;
        var expires = expiresAt is null ? (DateTime?)null : ToUtc(expiresAt.Value);
        if (approve && expires <= now)
            throw new RuleViolationException("The expiry date must be in the future.");

        request.Status = approve ? AccessRequestStatus.Approved : AccessRequestStatus.Rejected;
        request.DecidedByUserId = owner.UserId;
        request.DecidedAt = now;
        request.DecisionComment = comment;
        request.ExpiresAt = approve ? expires : null;
        var requester = request.Requester?.UserName ?? request.RequesterUserId;
        var details = approve
            ? $"granted to {requester}{(expires is null ? "" : $" until {expires:yyyy-MM-dd HH:mm} UTC")}"
            : $"refused to {requester}";
        audit.Append(db, owner.UserName, approve ? "access.approved" : "access.rejected", product.ToString(),
            comment is null ? details : $"{details}: {comment}");
        await Notifications.InboxEvents.AccessDecidedAsync(db, request.RequesterUserId, product, approve, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>True when the user holds an approved, unexpired grant on the product.</summary>
    public async Task<bool> HasActiveGrantAsync(string userId, QualifiedName product, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grants = await db.AccessRequests.AsNoTracking()
            .Where(r => r.RequesterUserId == userId && r.Status == AccessRequestStatus.Approved
                        && r.Product!.Domain!.Name == product.Domain && r.Product.Name == product.Name)
            .Select(r => r.ExpiresAt)
            .ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return grants.Any(expiresAt => AccessRules.IsGrantActive(true, expiresAt, now));
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    private static IQueryable<AccessRequestView> Views(IQueryable<AccessRequest> requests) =>
        requests.AsNoTracking().Select(r => new AccessRequestView(
            r.Id,
            new QualifiedName(r.Product!.Domain!.Name, r.Product.Name),
            r.RequesterUserId,
            r.Requester!.UserName ?? r.RequesterUserId,
            r.Requester.DisplayName,
            r.Purpose,
            r.Status,
            r.RequestedAt,
            r.ExpiresAt,
            r.DecisionComment));
}
