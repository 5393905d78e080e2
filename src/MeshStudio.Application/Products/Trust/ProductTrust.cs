using System.Linq.Expressions;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Core.Products.Trust;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Products.Trust;

/// <summary>
/// The trust status of products (ADR 27), judged by <see cref="TrustRules"/> from the catalog: the last commit and
/// the contract's freshness SLA, the job's state and its newest runs' expectation counters. The one place cards,
/// product pages, the API and search read it from; the batch methods judge many products with a fixed number of
/// queries.
/// </summary>
public sealed class ProductTrust(IDbContextFactory<MeshDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The trust of one product, or null when it does not exist or the user may not see it.</summary>
    public async Task<ProductTrustView?> GetAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        var found = await ForUserAsync(user, [product], cancellationToken);
        return found.GetValueOrDefault(product);
    }

    /// <summary>The trust of those of <paramref name="products"/> that exist and <paramref name="user"/> may see.</summary>
    public async Task<IReadOnlyDictionary<QualifiedName, ProductTrustView>> ForUserAsync(
        UserContext user, IReadOnlyCollection<QualifiedName> products, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(products);
        var keys = products.Select(p => p.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return await JudgeAsync(p => keys.Contains(p.Domain!.Name + "." + p.Name),
            (domain, status) => AccessRules.CanSeeProduct(user, domain, status), cancellationToken);
    }

    /// <summary>
    /// The trust of published products (every signed-in user sees them): of <paramref name="products"/>, or of all of
    /// them when null, e.g. for the marketplace's cards and facets.
    /// </summary>
    public async Task<IReadOnlyDictionary<QualifiedName, ProductTrustView>> ForPublishedAsync(
        IReadOnlyCollection<QualifiedName>? products, CancellationToken cancellationToken)
    {
        var keys = products?.Select(p => p.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return await JudgeAsync(
            keys is null
                ? p => p.Status == ProductStatus.Published
                : p => p.Status == ProductStatus.Published && keys.Contains(p.Domain!.Name + "." + p.Name),
            (_, _) => true, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<QualifiedName, ProductTrustView>> JudgeAsync(
        Expression<Func<Product, bool>> filter, Func<string, ProductStatus, bool> visible, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = (await db.Products.AsNoTracking().Where(filter)
            .Select(p => new
            {
                Domain = p.Domain!.Name,
                p.Name,
                p.Status,
                p.LastUpdatedAt,
                Job = db.Jobs.Where(j => j.ProductId == p.Id)
                    .Select(j => new { j.Id, j.IsPaused, j.RunIntervalSeconds, j.LastRunAt, j.LastRunSucceeded })
                    .FirstOrDefault(),
                Contract = db.ProductContracts.Where(c => c.ProductId == p.Id).Select(c => c.Yaml).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken))
            .Where(r => visible(r.Domain, r.Status))
            .ToList();
        var jobIds = rows.Where(r => r.Job is not null).Select(r => r.Job!.Id).ToList();
        var runs = (await db.Jobs.AsNoTracking()
            .Where(j => jobIds.Contains(j.Id))
            .SelectMany(j => db.JobRuns.Where(r => r.JobId == j.Id).OrderByDescending(r => r.Id).Take(TrustRules.RunsCounted))
            .Select(r => new { r.JobId, r.Id, r.StartedAt, r.Succeeded, r.RowsIn, r.ExpectationsJson })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.JobId);

        var now = time.GetUtcNow().UtcDateTime;
        var views = new Dictionary<QualifiedName, ProductTrustView>();
        foreach (var row in rows)
        {
            var name = new QualifiedName(row.Domain, row.Name);
            var interval = row.Job?.RunIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var job = row.Job is null ? null : new TrustJobFacts(row.Job.IsPaused, interval, row.Job.LastRunSucceeded, row.Job.LastRunAt);
            var jobRuns = row.Job is null
                ? []
                : runs[row.Job.Id].OrderByDescending(r => r.Id)
                    .Select(r => new TrustRunFacts(r.StartedAt, r.Succeeded, r.RowsIn, ExpectationCounters.Deserialize(r.ExpectationsJson)))
                    .ToList();
            var sla = Sla(row.Contract, interval);
            var judgement = TrustRules.Judge(new TrustFacts(UpToDate(row.LastUpdatedAt, job), sla, job, jobRuns), now);
            views[name] = new ProductTrustView(name, judgement.Status, judgement.Reasons, UpToDate(row.LastUpdatedAt, job),
                sla?.TotalSeconds, judgement.PassRate, judgement.RunsCounted);
        }
        return views;
    }

    /// <summary>A successful run after the last commit found nothing new: the product matched its inputs then.</summary>
    internal static DateTime? UpToDate(DateTime? lastCommit, TrustJobFacts? job) =>
        lastCommit is { } committed && job is { LastRunSucceeded: true, LastRunAt: { } checkedAt } && checkedAt > committed ? checkedAt : lastCommit;

    /// <summary>The saved contract's latency; without a saved contract, the generated one's (two run intervals).</summary>
    internal static TimeSpan? Sla(string? savedContract, TimeSpan? runInterval)
    {
        if (savedContract is null)
            return runInterval is { } interval ? FreshnessSla.Default(interval) : null;
        try
        {
            return FreshnessSla.Of(ContractYamlReader.Read(savedContract));
        }
        catch (ContractFormatException)
        {
            return null; // saved contracts were read when saved; one that no longer reads promises nothing measurable
        }
    }
}
