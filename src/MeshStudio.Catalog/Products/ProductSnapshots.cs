using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Privacy;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Products;

/// <summary>Writes a committed snapshot into the catalog; shared by a job's commit and a recorded snapshot.</summary>
internal static class ProductSnapshots
{
    /// <summary>
    /// Makes <paramref name="snapshot"/> the product's current data (schema re-classified from the samples, search
    /// index kept in step) and saves, inside the caller's transaction. Returns the previous snapshot's location.
    /// </summary>
    public static async Task<string?> ApplyAsync(
        MeshDbContext db, QualifiedName product, SnapshotResult snapshot,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> samples, DateTime now, CancellationToken ct)
    {
        var entity = await db.Products.SingleOrDefaultAsync(p => p.Domain!.Name == product.Domain && p.Name == product.Name, ct)
            ?? throw new RuleViolationException($"There is no data product {product}; deploy its job first.");
        var previous = entity.SnapshotLocation;

        var descriptions = entity.Columns.Where(c => c.Description is not null)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Description, StringComparer.Ordinal);
        entity.Columns = PiiDetector.Classify(snapshot.Columns, samples)
            .Select(c => c.Description is null && descriptions.TryGetValue(c.Name, out var d) ? c with { Description = d } : c)
            .ToList();
        entity.SnapshotLocation = snapshot.Location;
        entity.RowCount = snapshot.RowCount;
        entity.LastUpdatedAt = now;
        // The history behind time travel: one entry per commit, pruned like the lake's folders (older than the
        // retention, except the current snapshot).
        db.ProductSnapshots.Add(new ProductSnapshot
        {
            ProductId = entity.Id,
            Location = snapshot.Location,
            RowCount = snapshot.RowCount,
            CommittedAt = now,
        });
        await db.SaveChangesAsync(ct);
        var cutoff = now - ProductHistoryOptions.From(db).Retention;
        await db.ProductSnapshots
            .Where(s => s.ProductId == entity.Id && s.CommittedAt < cutoff && s.Location != snapshot.Location)
            .ExecuteDeleteAsync(ct);
        if (entity.Status == ProductStatus.Published)
            await SearchIndex.SyncAsync(db, entity.Id, ct);
        return previous;
    }
}
