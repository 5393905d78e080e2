using MeshStudio.Catalog;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Search;

/// <summary>
/// The published products and their vocabulary, held in memory between searches so that a search at 10,000
/// products reads only the full-text index. The copy is reloaded when the catalog changed since it was read: every
/// change a search shows writes an audit entry (publication, metadata, column descriptions) or a snapshot (new data,
/// schema, freshness), so the newest of each and the number of published products tell, in three index look-ups,
/// on either provider and on every node.
/// </summary>
public sealed class PublishedCatalog(IDbContextFactory<MeshDbContext> dbFactory) : IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Loaded? _current;

    /// <summary>The current products, by id, and their vocabulary.</summary>
    public sealed record Loaded(Version Version, IReadOnlyDictionary<int, PublishedProduct> Products, SearchVocabulary Vocabulary);

    /// <summary>What identifies one state of the published catalog.</summary>
    public sealed record Version(long LastAudit, long LastSnapshot, int Published);

    public async Task<Loaded> CurrentAsync(MeshDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await VersionAsync(db, ct);
        if (_current is { } current && current.Version == version)
            return current;
        await _reload.WaitAsync(ct);
        try
        {
            if (_current is { } other && other.Version == version)
                return other;
            // The version is read before the products: a change in between makes the next search reload again.
            var loaded = await LoadAsync(db, version, ct);
            _current = loaded;
            return loaded;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>For callers without a context of their own (tests, tools).</summary>
    public async Task<Loaded> CurrentAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CurrentAsync(db, ct);
    }

    public void Dispose() => _reload.Dispose();

    private static async Task<Version> VersionAsync(MeshDbContext db, CancellationToken ct) =>
        new(
            await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0,
            await db.ProductSnapshots.MaxAsync(s => (long?)s.Id, ct) ?? 0,
            await db.Products.CountAsync(p => p.Status == ProductStatus.Published, ct));

    private static async Task<Loaded> LoadAsync(MeshDbContext db, Version version, CancellationToken ct)
    {
        var rows = await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Published)
            .Select(p => new
            {
                p.Id,
                Domain = p.Domain!.Name,
                p.Name,
                p.Title,
                p.Description,
                p.Tags,
                p.Columns,
                OwnerDisplayName = p.Owner == null ? "" : p.Owner.DisplayName,
                OwnerUserName = p.Owner == null ? "" : p.Owner.UserName,
                p.LastUpdatedAt,
                p.PublishedAt,
                p.RowCount,
            })
            .ToListAsync(ct);
        var products = rows.Select(r => new PublishedProduct(
                r.Id,
                new QualifiedName(r.Domain, r.Name),
                r.Title,
                SearchIndex.PlainText(r.Description),
                r.Tags,
                string.IsNullOrEmpty(r.OwnerDisplayName) ? r.OwnerUserName ?? "" : r.OwnerDisplayName,
                r.Columns.Select(c => c.Name).ToList(),
                r.Columns.Any(c => c.Pii is not null),
                r.LastUpdatedAt,
                r.PublishedAt,
                r.RowCount))
            .ToDictionary(p => p.Id);
        var vocabulary = SearchVocabulary.Build(rows.Select(r =>
            $"{r.Domain} {r.Name} {r.Title} {r.Description} {string.Join(' ', r.Tags)} {r.OwnerDisplayName} {r.OwnerUserName} " +
            string.Join(' ', r.Columns.Select(c => $"{c.Name} {c.Description}"))));
        return new Loaded(version, products, vocabulary);
    }
}
