using MeshStudio.Application.Products.Trust;
using MeshStudio.Catalog;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Trust;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Search;

/// <summary>
/// The trust status of every published product (<see cref="ProductTrust"/>, ADR 27) for the trust facet, held between
/// searches: judged again when the catalog changed, a job ran since, or <see cref="MaxAge"/> passed (freshness turns
/// with time alone). Judging every product costs a few queries over all of them, not one per search; two searches
/// that find it stale at once may both judge (the same answer), which is cheaper than making searches wait.
/// </summary>
public sealed class SearchTrust(ProductTrust trust, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private volatile Judged? _current;

    private sealed record Judged(PublishedCatalog.Version Catalog, long LastRun, DateTimeOffset At, IReadOnlyDictionary<QualifiedName, TrustStatus> Statuses);

    public async Task<IReadOnlyDictionary<QualifiedName, TrustStatus>> CurrentAsync(
        MeshDbContext db, PublishedCatalog.Version catalog, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lastRun = await db.JobRuns.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        if (Fresh(_current, catalog, lastRun) is { } current)
            return current.Statuses;
        var at = time.GetUtcNow();
        var statuses = (await trust.ForPublishedAsync(null, ct)).ToDictionary(t => t.Key, t => t.Value.Status);
        _current = new Judged(catalog, lastRun, at, statuses);
        return statuses;
    }

    private Judged? Fresh(Judged? judged, PublishedCatalog.Version catalog, long lastRun) =>
        judged is not null && judged.Catalog == catalog && judged.LastRun == lastRun && time.GetUtcNow() - judged.At < MaxAge ? judged : null;
}
