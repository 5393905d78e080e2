using System.Globalization;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Access;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Versions;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Products.Versions;

/// <summary>
/// A product's version history for whoever can see it: each version with its schema diff and the kept snapshots
/// committed while it was current, each major with its deprecation date and, for the domain's members, its consumers.
/// The owner sets when an old major is deprecated.
/// </summary>
public sealed class ProductVersionHistory(IDbContextFactory<MeshDbContext> dbFactory, ProductConsumers consumers, AuditLog audit, TimeProvider time)
{
    /// <summary>The history, or null when the product does not exist or the user may not see it.</summary>
    public async Task<VersionHistory?> GetAsync(UserContext user, QualifiedName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().Include(p => p.Owner)
            .SingleOrDefaultAsync(p => p.Domain!.Name == name.Domain && p.Name == name.Name, cancellationToken);
        if (product is null || !AccessRules.CanSeeProduct(user, name.Domain, product.Status))
            return null;
        var (current, series) = await ProductVersions.CurrentAsync(db, product, cancellationToken);
        var rows = await db.ProductVersions.AsNoTracking().Where(v => v.SeriesId == series).ToListAsync(cancellationToken);
        if (rows.Count == 0)
            rows.Add(new ProductVersion { ProductId = product.Id, SeriesId = product.Id, Major = 1, Columns = product.Columns, KeyColumns = product.KeyColumns, CreatedAt = product.CreatedAt, CreatedBy = "catalog" });
        rows = [.. rows.OrderBy(v => v.Major).ThenBy(v => v.Minor).ThenBy(v => v.Patch)];
        var ids = rows.Select(v => v.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Status, p.SnapshotLocation })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var grants = await GrantQueries.ActiveGrantsAsync(db, user.UserId, now, cancellationToken);
        var readable = ids.Where(id => AccessRules.CanReadProductData(user, name.Domain, products[id].Status, grants.ContainsKey(id))).ToHashSet();
        var snapshots = await db.ProductSnapshots.AsNoTracking().Where(s => readable.Contains(s.ProductId))
            .Select(s => new { s.Id, s.ProductId, s.RowCount, s.CommittedAt, s.Location })
            .ToListAsync(cancellationToken);

        var versions = new List<VersionView>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var sqlName = new QualifiedName(name.Domain, products[row.ProductId].Name);
            var until = rows.Skip(i + 1).FirstOrDefault(r => r.ProductId == row.ProductId)?.CreatedAt;
            var kept = snapshots.Where(s => s.ProductId == row.ProductId)
                .OrderByDescending(s => s.CommittedAt).ThenByDescending(s => s.Id)
                .Select((s, back) => (s, back))
                .Where(x => x.s.CommittedAt >= row.CreatedAt && (until is null || x.s.CommittedAt < until))
                .Select(x => new VersionSnapshot(x.back, x.s.CommittedAt, x.s.RowCount, x.s.Location == products[row.ProductId].SnapshotLocation,
                    string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM SNAPSHOT({sqlName}, {x.back})")))
                .ToList();
            var bump = i == 0 ? "initial" : row.Minor == 0 && row.Patch == 0 && row.Major > rows[i - 1].Major ? "major" : "minor";
            versions.Add(new VersionView(Version(row).ToString(), sqlName, row.CreatedAt, row.CreatedBy, bump,
                row.Changes, row.Columns, row.KeyColumns, kept));
        }

        var member = AccessRules.CanAuthorIn(user, name.Domain);
        var majors = new List<MajorVersionView>();
        foreach (var group in rows.GroupBy(r => r.Major))
        {
            var first = group.First();
            var productName = new QualifiedName(name.Domain, products[first.ProductId].Name);
            var used = member ? await consumers.OfAsync(productName, cancellationToken) : null;
            majors.Add(new MajorVersionView(group.Key, productName, products[first.ProductId].Status, Version(group.Last()).ToString(),
                first.DeprecatedAfter, first.DeprecatedAfter is { } after && after <= now, used));
        }
        return new VersionHistory(name, current.ToString(), versions, majors,
            AccessRules.CanEditContract(user, name.Domain, product.Owner?.UserName) && majors.Count > 1);
    }

    /// <summary>
    /// Sets (or clears, with null) when the major <paramref name="name"/> stops being kept beside its successor: the
    /// product's owner and the domain's owners, for a major a newer one replaces, a date still to come.
    /// </summary>
    public async Task SetDeprecationAsync(UserContext user, QualifiedName name, DateTimeOffset? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.Include(p => p.Owner)
            .SingleOrDefaultAsync(p => p.Domain!.Name == name.Domain && p.Name == name.Name, cancellationToken);
        if (product is null || !AccessRules.CanSeeProduct(user, name.Domain, product.Status))
            throw new KeyNotFoundException($"There is no product {name} you can see.");
        if (!AccessRules.CanEditContract(user, name.Domain, product.Owner?.UserName))
            throw new AccessDeniedException($"Only the owner of {name} and the owners of the {name.Domain} domain set when it is deprecated.");
        var (version, series) = await ProductVersions.CurrentAsync(db, product, cancellationToken);
        var first = await db.ProductVersions.Where(v => v.ProductId == product.Id)
            .OrderBy(v => v.Major).ThenBy(v => v.Minor).ThenBy(v => v.Patch).FirstOrDefaultAsync(cancellationToken);
        var replaced = await db.ProductVersions.AnyAsync(v => v.SeriesId == series && v.Major > version.Major, cancellationToken);
        if (first is null || !replaced)
            throw new RuleViolationException($"{name} is the newest major version of its product: only a major a newer one replaces is deprecated.");
        var utc = after?.UtcDateTime;
        if (utc is { } date && date <= time.GetUtcNow().UtcDateTime)
            throw new RuleViolationException("The deprecation date must be in the future: consumers need time to move to the new major version.");
        first.DeprecatedAfter = utc;
        audit.Append(db, user.UserName, "product.deprecation_set", name.ToString(),
            utc is { } d ? $"deprecated after {d:yyyy-MM-dd HH:mm} UTC" : "deprecation cleared");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static SemanticVersion Version(ProductVersion row) => new(row.Major, row.Minor, row.Patch);
}
