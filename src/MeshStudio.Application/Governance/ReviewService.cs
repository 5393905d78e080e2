using MeshStudio.Application.Governance.Policies;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Governance;

/// <summary>
/// Governance reviews: publishing opens a review with automated checks; a steward approves
/// (the product enters the marketplace) or rejects it with a comment. The checks are the policies in force,
/// evaluated on the product as it is whenever an open review is read or decided: a fix shows at once.
/// </summary>
public sealed class ReviewService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time, ProductPolicyChecks policyChecks)
{
    public const int MaxCommentLength = 4000;

    /// <summary>Submits a Draft or Rejected product for review (authors of its domain); returns the review id.</summary>
    public async Task<int> OpenAsync(UserContext actor, QualifiedName product, CancellationToken ct)
    {
        if (!AccessRules.CanAuthorIn(actor, product.Domain))
            throw new AccessDeniedException($"Only members of the {product.Domain} domain can submit {product} for review.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Products.Include(p => p.Owner)
            .SingleOrDefaultAsync(p => p.Domain!.Name == product.Domain && p.Name == product.Name, ct)
            ?? throw new RuleViolationException($"There is no data product {product}.");
        switch (entity.Status)
        {
            case ProductStatus.Published:
                throw new RuleViolationException($"{product} is already published.");
            case ProductStatus.InReview:
                throw new RuleViolationException($"{product} is already waiting for a governance review.");
        }

        var review = db.Reviews.Add(new Review
        {
            ProductId = entity.Id,
            Status = ReviewStatus.Open,
            Checks = (await policyChecks.EvaluateAsync(db, product, entity, ct)).ToList(),
            OpenedByUserId = actor.UserId,
            OpenedAt = time.GetUtcNow().UtcDateTime,
        }).Entity;
        entity.Status = ProductStatus.InReview;
        var failed = review.Checks.Where(c => !c.Passed).Select(c => c.Check).ToList();
        audit.Append(db, actor.UserName, "review.opened", product.ToString(),
            failed.Count == 0 ? "all checks passed" : $"failed checks: {string.Join(", ", failed)}");
        await db.SaveChangesAsync(ct);
        return review.Id;
    }

    /// <summary>
    /// Reviews the user may follow: all of them for stewards and admins, those of their domains for members;
    /// newest first, optionally of one status.
    /// </summary>
    public async Task<IReadOnlyList<ReviewSummary>> ListAsync(UserContext steward, ReviewStatus? status, CancellationToken ct)
    {
        var domains = steward.Memberships.Keys.ToList();
        var everything = steward.IsSteward || steward.IsAdmin;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Reviews.AsNoTracking()
            .Include(r => r.Product!).ThenInclude(p => p.Domain)
            .Include(r => r.Product!).ThenInclude(p => p.Owner)
            .Where(r => status == null || r.Status == status)
            .Where(r => everything || domains.Contains(r.Product!.Domain!.Name))
            .OrderByDescending(r => r.Id)
            .ToListAsync(ct);
        var userIds = rows.Select(r => r.OpenedByUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        var summaries = new List<ReviewSummary>(rows.Count);
        foreach (var r in rows)
        {
            var name = new QualifiedName(r.Product!.Domain!.Name, r.Product.Name);
            var canApprove = r.Status == ReviewStatus.Open && ReviewChecks.CanApprove(await policyChecks.EvaluateAsync(db, name, r.Product, ct));
            summaries.Add(new ReviewSummary(r.Id, name, r.Product.Title, r.Status, canApprove, r.OpenedAt, names.GetValueOrDefault(r.OpenedByUserId, "")));
        }
        return summaries;
    }

    /// <summary>One review, or null when it does not exist or the user may not follow it.</summary>
    public async Task<ReviewDetails?> GetAsync(UserContext user, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking()
            .Include(r => r.Product!).ThenInclude(p => p.Domain)
            .Include(r => r.Product!).ThenInclude(p => p.Owner)
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
            return null;
        var product = review.Product!;
        var domain = product.Domain!.Name;
        if (!(user.IsSteward || user.IsAdmin || user.IsMemberOf(domain)))
            return null;
        var userIds = new[] { review.OpenedByUserId, review.DecidedByUserId }.OfType<string>().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        var open = review.Status == ReviewStatus.Open;
        // An open review shows the policies in force on the product as it is now; a decided one what was decided on.
        var checks = open ? await policyChecks.EvaluateAsync(db, new QualifiedName(domain, product.Name), product, ct) : review.Checks;
        return new ReviewDetails(
            review.Id,
            new QualifiedName(domain, product.Name),
            product.Title,
            review.Status,
            open && ReviewChecks.CanApprove(checks),
            review.OpenedAt,
            names.GetValueOrDefault(review.OpenedByUserId, ""),
            checks,
            product.Description,
            product.Columns,
            review.Comment,
            review.DecidedByUserId is null ? null : names.GetValueOrDefault(review.DecidedByUserId),
            review.DecidedAt,
            open && AccessRules.CanReview(user));
    }

    /// <summary>
    /// Approves an open review (stewards only): the checks are evaluated again on the product as it is
    /// now, and any failed blocking check refuses the approval. The product is published and searchable.
    /// </summary>
    public async Task ApproveAsync(UserContext steward, int id, string comment, CancellationToken ct)
    {
        if (!AccessRules.CanReview(steward))
            throw new AccessDeniedException("Only governance stewards can approve reviews.");
        comment = CheckComment(comment, required: false);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (review, product, name) = await FindOpenAsync(db, id, ct);

        var checks = (await policyChecks.EvaluateAsync(db, name, product, ct)).ToList();
        var blocking = checks.Where(c => c.Blocking && !c.Passed).ToList();
        if (blocking.Count > 0)
        {
            throw new RuleViolationException(
                $"{name} cannot be approved while blocking checks fail: " +
                string.Join(" ", blocking.Select(c => $"[{c.Check}] {c.Message}")) +
                " Reject the review with a comment so the domain can fix it.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        review.Checks = checks;
        review.Status = ReviewStatus.Approved;
        review.DecidedByUserId = steward.UserId;
        review.DecidedAt = now;
        review.Comment = comment;
        product.Status = ProductStatus.Published;
        product.PublishedAt = now;
        audit.Append(db, steward.UserName, "review.approved", name.ToString(), comment);
        await Notifications.InboxEvents.ReviewDecidedAsync(db, review.OpenedByUserId, review.Id, name, approved: true, now, ct);
        await db.SaveChangesAsync(ct);
        await SearchIndex.SyncAsync(db, product.Id, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Rejects an open review with a comment saying what to change (stewards only).</summary>
    public async Task RejectAsync(UserContext steward, int id, string comment, CancellationToken ct)
    {
        if (!AccessRules.CanReview(steward))
            throw new AccessDeniedException("Only governance stewards can reject reviews.");
        comment = CheckComment(comment, required: true);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (review, product, name) = await FindOpenAsync(db, id, ct);
        review.Status = ReviewStatus.Rejected;
        review.DecidedByUserId = steward.UserId;
        review.DecidedAt = time.GetUtcNow().UtcDateTime;
        review.Comment = comment;
        product.Status = ProductStatus.Rejected;
        audit.Append(db, steward.UserName, "review.rejected", name.ToString(), comment);
        await Notifications.InboxEvents.ReviewDecidedAsync(db, review.OpenedByUserId, review.Id, name, approved: false, review.DecidedAt!.Value, ct);
        await db.SaveChangesAsync(ct);
        await SearchIndex.SyncAsync(db, product.Id, ct);
        await tx.CommitAsync(ct);
    }

    private static string CheckComment(string? comment, bool required)
    {
        var text = (comment ?? "").Trim();
        if (required && text.Length == 0)
            throw new RuleViolationException("Say what the domain should change: a comment is required to reject.");
        if (text.Length > MaxCommentLength)
            throw new RuleViolationException($"The comment may have at most {MaxCommentLength} characters.");
        return text;
    }

    private static async Task<(Review Review, Product Product, QualifiedName Name)> FindOpenAsync(
        MeshDbContext db, int id, CancellationToken ct)
    {
        var review = await db.Reviews
            .Include(r => r.Product!).ThenInclude(p => p.Domain)
            .Include(r => r.Product!).ThenInclude(p => p.Owner)
            .SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new RuleViolationException($"There is no review {id}.");
        if (review.Status != ReviewStatus.Open)
            throw new RuleViolationException($"Review {id} was already {review.Status.ToString().ToLowerInvariant()}.");
        var product = review.Product!;
        return (review, product, new QualifiedName(product.Domain!.Name, product.Name));
    }
}
