using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Products;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Jobs;

/// <summary>
/// Records what a job run did. A successful run's snapshot, its run record and the job's new checkpoint are saved
/// in one transaction: after a crash the catalog holds either the old snapshot with the old checkpoint or the new
/// snapshot with the new checkpoint, so the next run neither skips nor repeats input.
/// </summary>
public sealed class JobCommitter(IDbContextFactory<MeshDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Run history kept per job; older runs are pruned as new ones are recorded.</summary>
    public const int RunsKept = 500;

    /// <summary>
    /// Commits a successful run. Returns false, saving nothing, when the job's checkpoint is no longer
    /// <paramref name="expectedCheckpoint"/> (a backfill or new version was requested while the run worked).
    /// </summary>
    public async Task<bool> CommitAsync(
        QualifiedName product, SnapshotResult snapshot, IReadOnlyDictionary<string, IReadOnlyCollection<string>> samples,
        JobRunRecord run, string? expectedCheckpoint, string checkpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var job = await LoadAsync(db, run.JobId, ct);
        if (job.Checkpoint != expectedCheckpoint)
            return false;
        await ProductSnapshots.ApplyAsync(db, product, snapshot, samples, time.GetUtcNow().UtcDateTime, ct);
        job.Checkpoint = checkpoint;
        await AppendRunAsync(db, job, run, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Records a run that committed no snapshot, e.g. one that failed (the checkpoint unchanged).</summary>
    public async Task RecordRunAsync(JobRunRecord run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AppendRunAsync(db, await LoadAsync(db, run.JobId, ct), run, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// A run that found no new input: only the time of the check is kept (and, for a job that starts from now,
    /// its first checkpoint), so the job page says how recently the product was known to be up to date.
    /// </summary>
    public async Task RecordIdleAsync(int jobId, DateTime checkedAt, string? expectedCheckpoint, string checkpoint, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await LoadAsync(db, jobId, ct);
        if (job.Checkpoint != expectedCheckpoint)
            return;
        job.LastRunAt = checkedAt;
        job.Checkpoint = checkpoint;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every job's stored checkpoint (null for jobs that never ran).</summary>
    public async Task<IReadOnlyList<string?>> CheckpointsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking().Select(j => j.Checkpoint).ToListAsync(ct);
    }

    private static async Task<Job> LoadAsync(MeshDbContext db, int jobId, CancellationToken ct) =>
        await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct)
        ?? throw new RuleViolationException($"There is no job with id {jobId}.");

    private static async Task AppendRunAsync(MeshDbContext db, Job job, JobRunRecord run, CancellationToken ct)
    {
        var succeeded = run.Error is null;
        job.LastRunAt = run.StartedAt;
        job.LastRunSucceeded = succeeded;
        job.LastError = run.Error;
        db.JobRuns.Add(new JobRun
        {
            JobId = job.Id,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            RowsIn = run.RowsIn,
            RowsOut = run.RowsOut,
            LatencyMs = run.LatencyMs,
            Mode = run.Mode,
            Succeeded = succeeded,
            Error = run.Error,
            ExpectationsJson = ExpectationCounters.Serialize(run.Expectations),
            QuarantineLocation = run.QuarantineLocation,
        });
        await db.SaveChangesAsync(ct);
        var oldestKept = await db.JobRuns.Where(r => r.JobId == job.Id)
            .OrderByDescending(r => r.Id)
            .Skip(RunsKept - 1)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(ct);
        if (oldestKept is not null)
            await db.JobRuns.Where(r => r.JobId == job.Id && r.Id < oldestKept).ExecuteDeleteAsync(ct);
    }
}
