using MeshStudio.Catalog;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Notifications;

/// <summary>
/// Tells a product's owners when its job starts failing: once, on the first failed run after a success (or of a job that
/// never succeeded), not on every retry of the schedule. Written right after the failed run is recorded.
/// </summary>
public sealed class JobFailureNotice(IDbContextFactory<MeshDbContext> dbFactory, TimeProvider time)
{
    public async Task NotifyAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { Domain = j.Domain!.Name, j.Name, j.ProductId, Product = j.Product!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (job is null)
            return;
        var lastTwo = await db.JobRuns.AsNoTracking().Where(r => r.JobId == jobId).OrderByDescending(r => r.Id)
            .Select(r => r.Succeeded).Take(2).ToListAsync(cancellationToken);
        if (lastTwo is not [false, ..] || lastTwo is [_, false])
            return;
        await InboxEvents.JobFailedAsync(db, job.ProductId, new QualifiedName(job.Domain, job.Product), new QualifiedName(job.Domain, job.Name),
            time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
