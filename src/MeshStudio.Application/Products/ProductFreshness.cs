using MeshStudio.Application.Products.Trust;
using MeshStudio.Catalog;
using MeshStudio.Core.Products.Trust;
using MeshStudio.Core.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Products;

/// <summary>
/// Every product that promises freshness and since when it is up to date, for the freshness gauges; the same SLA and
/// the same "up to date" as its trust status (<see cref="ProductTrust"/>, ADR 27). Read from the catalog, so every node
/// reports commits made by any node.
/// </summary>
public sealed class ProductFreshness(IDbContextFactory<MeshDbContext> dbFactory)
{
    public async Task<IReadOnlyList<FreshnessReading>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking()
            .Select(p => new
            {
                Domain = p.Domain!.Name,
                p.Name,
                p.LastUpdatedAt,
                Contract = db.ProductContracts.Where(c => c.ProductId == p.Id).Select(c => c.Yaml).FirstOrDefault(),
                Job = db.Jobs.Where(j => j.ProductId == p.Id)
                    .Select(j => new { j.IsPaused, j.RunIntervalSeconds, j.LastRunAt, j.LastRunSucceeded })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var readings = new List<FreshnessReading>();
        foreach (var product in products)
        {
            var interval = product.Job?.RunIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var job = product.Job is null ? null : new TrustJobFacts(product.Job.IsPaused, interval, product.Job.LastRunSucceeded, product.Job.LastRunAt);
            if (ProductTrust.Sla(product.Contract, interval) is { } promised)
                readings.Add(new FreshnessReading($"{product.Domain}.{product.Name}", ProductTrust.UpToDate(product.LastUpdatedAt, job), promised));
        }
        return readings;
    }
}
