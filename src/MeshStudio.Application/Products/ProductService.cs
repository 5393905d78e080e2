using System.Text.RegularExpressions;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Access;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Products;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Privacy;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Products;

/// <summary>Data products: their page, their metadata and their current snapshot.</summary>
public sealed partial class ProductService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxTags = 20;

    /// <summary>The product page, or null when it does not exist or the user may not see it.</summary>
    public async Task<ProductDetails?> GetAsync(UserContext user, QualifiedName name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking()
            .Include(p => p.Owner)
            .SingleOrDefaultAsync(p => p.Domain!.Name == name.Domain && p.Name == name.Name, ct);
        if (product is null || !AccessRules.CanSeeProduct(user, name.Domain, product.Status))
            return null;

        var now = time.GetUtcNow().UtcDateTime;
        var grants = await GrantQueries.ActiveGrantsAsync(db, user.UserId, now, ct);
        var hasGrant = grants.TryGetValue(product.Id, out var grantExpiresAt);
        var myRequest = await db.AccessRequests.AsNoTracking()
            .Where(r => r.ProductId == product.Id && r.RequesterUserId == user.UserId)
            .OrderByDescending(r => r.Id)
            .Select(r => (AccessRequestStatus?)r.Status)
            .FirstOrDefaultAsync(ct);
        var openReviewId = await db.Reviews.AsNoTracking()
            .Where(r => r.ProductId == product.Id && r.Status == ReviewStatus.Open)
            .OrderByDescending(r => r.Id)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(ct);
        var job = await db.Jobs.AsNoTracking().Where(j => j.ProductId == product.Id).Select(j => j.Name).FirstOrDefaultAsync(ct);

        return new ProductDetails(
            name,
            product.Title,
            product.Description,
            product.Tags,
            product.Status,
            product.Owner?.UserName,
            product.Owner?.DisplayName,
            product.Columns,
            product.KeyColumns,
            product.RowCount,
            product.LastUpdatedAt,
            product.PublishedAt,
            product.SnapshotLocation,
            AccessRules.CanReadProductData(user, name.Domain, product.Status, hasGrant),
            myRequest,
            hasGrant ? grantExpiresAt : null,
            openReviewId,
            AccessRules.CanAuthorIn(user, name.Domain),
            AccessRules.CanRequestAccess(user, name.Domain, product.Status) && !hasGrant && myRequest != AccessRequestStatus.Pending,
            job is null ? null : new QualifiedName(name.Domain, job));
    }

    /// <summary>The products whose data the user may read: their domains' products and granted published ones.</summary>
    public async Task<IReadOnlyList<ProductSummary>> ListForUserAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grants = await GrantQueries.ActiveGrantsAsync(db, user.UserId, time.GetUtcNow().UtcDateTime, ct);
        var domains = user.Memberships.Keys.ToList();
        var granted = grants.Keys.ToList();
        var rows = await SummaryRows(db.Products.Where(p => domains.Contains(p.Domain!.Name) || granted.Contains(p.Id)))
            .ToListAsync(ct);
        return rows
            .Where(r => AccessRules.CanReadProductData(user, r.Domain, r.Status, grants.ContainsKey(r.Id)))
            .Select(ToSummary)
            .ToList();
    }

    /// <summary>The products of one domain that the user may see (published ones; all of them for members and governance).</summary>
    public async Task<IReadOnlyList<ProductSummary>> ListByDomainAsync(UserContext user, string domain, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await SummaryRows(db.Products.Where(p => p.Domain!.Name == domain)).ToListAsync(ct);
        return rows.Where(r => AccessRules.CanSeeProduct(user, r.Domain, r.Status)).Select(ToSummary).ToList();
    }

    /// <summary>
    /// Records a committed snapshot: columns (PII-classified from the samples, keeping their descriptions),
    /// location, row count and freshness, plus the search index, in one transaction.
    /// Returns the previous snapshot location, which the engine may delete once readers are done.
    /// </summary>
    public async Task<string?> RecordSnapshotAsync(
        QualifiedName product,
        SnapshotResult snapshot,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> samples,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var previous = await ProductSnapshots.ApplyAsync(db, product, snapshot, samples, time.GetUtcNow().UtcDateTime, ct);
        await tx.CommitAsync(ct);
        return previous;
    }

    /// <summary>
    /// The kept snapshots of a product whose data the user may read, newest (current) first, for time travel.
    /// Null when the product does not exist or the user may not see it; <see cref="AccessDeniedException"/> when they
    /// may see it but not read its data.
    /// </summary>
    public async Task<ProductHistory?> HistoryAsync(UserContext user, QualifiedName name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking()
            .Where(p => p.Domain!.Name == name.Domain && p.Name == name.Name)
            .Select(p => new { p.Id, p.Status, p.SnapshotLocation, p.RowCount, p.LastUpdatedAt })
            .SingleOrDefaultAsync(ct);
        if (product is null || !AccessRules.CanSeeProduct(user, name.Domain, product.Status))
            return null;
        var grants = await GrantQueries.ActiveGrantsAsync(db, user.UserId, time.GetUtcNow().UtcDateTime, ct);
        if (!AccessRules.CanReadProductData(user, name.Domain, product.Status, grants.ContainsKey(product.Id)))
            throw new AccessDeniedException($"You have no access to {name}. Request access on its marketplace page.");

        var rows = await db.ProductSnapshots.AsNoTracking()
            .Where(s => s.ProductId == product.Id)
            .Select(s => new { s.Id, s.Location, s.RowCount, s.CommittedAt })
            .ToListAsync(ct);
        var entries = rows
            .OrderByDescending(s => s.CommittedAt).ThenByDescending(s => s.Id)
            .Select(s => (s.Location, s.RowCount, s.CommittedAt))
            .ToList();
        // A current snapshot committed before the history was kept still counts as the newest one.
        if (product.SnapshotLocation is { } current && entries.All(e => e.Location != current))
            entries.Insert(0, (current, product.RowCount, product.LastUpdatedAt ?? DateTime.MinValue));
        var snapshots = entries
            .Select((e, i) => new ProductSnapshotInfo(i, e.Location, e.RowCount, e.CommittedAt, e.Location == product.SnapshotLocation))
            .ToList();
        return new ProductHistory(snapshots, ProductHistoryOptions.From(db).Retention);
    }

    /// <summary>Edits title, Markdown description and tags (authors of the domain).</summary>
    public async Task UpdateMetadataAsync(
        UserContext actor, QualifiedName name, string title, string description, IReadOnlyList<string> tags, CancellationToken ct)
    {
        if (!AccessRules.CanAuthorIn(actor, name.Domain))
            throw new AccessDeniedException($"Only members of the {name.Domain} domain can edit {name}.");
        title = (title ?? "").Trim();
        description = (description ?? "").Trim();
        if (title.Length == 0)
            throw new RuleViolationException("The title is required.");
        if (title.Length > MaxTitleLength)
            throw new RuleViolationException($"The title may have at most {MaxTitleLength} characters.");
        if (description.Length > MaxDescriptionLength)
            throw new RuleViolationException($"The description may have at most {MaxDescriptionLength} characters.");
        var cleanTags = NormalizeTags(tags);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entity = await FindForUpdateAsync(db, name, ct);
        entity.Title = title;
        entity.Description = description;
        entity.Tags = cleanTags;
        audit.Append(db, actor.UserName, "product.metadata_updated", name.ToString(),
            $"title: {title}; tags: {string.Join(", ", cleanTags)}");
        await db.SaveChangesAsync(ct);
        await SearchIndex.SyncAsync(db, entity.Id, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Sets column descriptions by column name (authors of the domain); null or empty clears one.</summary>
    public async Task UpdateColumnDescriptionsAsync(
        UserContext actor, QualifiedName name, IReadOnlyDictionary<string, string?> descriptions, CancellationToken ct)
    {
        if (!AccessRules.CanAuthorIn(actor, name.Domain))
            throw new AccessDeniedException($"Only members of the {name.Domain} domain can edit {name}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entity = await FindForUpdateAsync(db, name, ct);
        var unknown = descriptions.Keys.Where(k => entity.Columns.All(c => c.Name != k)).ToList();
        if (unknown.Count > 0)
            throw new RuleViolationException($"{name} has no column {string.Join(", ", unknown)}.");
        entity.Columns = entity.Columns
            .Select(c => descriptions.TryGetValue(c.Name, out var d)
                ? c with { Description = string.IsNullOrWhiteSpace(d) ? null : d.Trim() }
                : c)
            .ToList();
        audit.Append(db, actor.UserName, "product.columns_described", name.ToString(), string.Join(", ", descriptions.Keys));
        await db.SaveChangesAsync(ct);
        await SearchIndex.SyncAsync(db, entity.Id, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<Product> FindForUpdateAsync(MeshDbContext db, QualifiedName name, CancellationToken ct) =>
        await db.Products.SingleOrDefaultAsync(p => p.Domain!.Name == name.Domain && p.Name == name.Name, ct)
        ?? throw new RuleViolationException($"There is no data product {name}.");

    private static List<string> NormalizeTags(IReadOnlyList<string> tags)
    {
        var clean = (tags ?? [])
            .Select(t => t.Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var bad = clean.FirstOrDefault(t => !TagPattern().IsMatch(t));
        if (bad is not null)
            throw new RuleViolationException($"Tag '{bad}' is not valid: use letters, digits and dashes (at most 40 characters).");
        if (clean.Count > MaxTags)
            throw new RuleViolationException($"A product may have at most {MaxTags} tags.");
        return clean;
    }

    [GeneratedRegex(@"^[\p{Ll}\p{N}][\p{Ll}\p{N}_-]{0,39}$")]
    private static partial Regex TagPattern();

    private sealed record SummaryRow(
        int Id, string Domain, string Name, string Title, ProductStatus Status, List<ColumnSchema> Columns, long RowCount, DateTime? LastUpdatedAt);

    private static IQueryable<SummaryRow> SummaryRows(IQueryable<Product> products) =>
        products.AsNoTracking()
            .OrderBy(p => p.Domain!.Name).ThenBy(p => p.Name)
            .Select(p => new SummaryRow(p.Id, p.Domain!.Name, p.Name, p.Title, p.Status, p.Columns, p.RowCount, p.LastUpdatedAt));

    private static ProductSummary ToSummary(SummaryRow r) =>
        new(new QualifiedName(r.Domain, r.Name), r.Title, r.Status, r.Columns, r.RowCount, r.LastUpdatedAt);
}
