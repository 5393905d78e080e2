using MeshStudio.Application.Lineage;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Where a job run ends: its record, and for a committed snapshot the product change subscribers hear about and the
/// deletion of snapshots and quarantine folders past <see cref="JobRetention"/>. A committed column carries the personal-data
/// flag of what it is computed from (<see cref="LineageService.WithPersonalDataAsync"/>), so the review blocks it.
/// </summary>
public sealed class RunRecorder(
    JobCommitter committer, ProductChangeFeed changes, SnapshotRetention retention, JobRetention keep, LineageService lineage, Notifications.JobFailureNotice failures)
{
    /// <summary>
    /// Commits the snapshot, the run and the new checkpoint together, unless the checkpoint moved on during the run
    /// (a backfill or a new version was requested): then false and nothing is committed.
    /// </summary>
    public async Task<bool> CommitAsync(
        QualifiedName product, SnapshotResult snapshot, IReadOnlyDictionary<string, IReadOnlyCollection<string>> samples,
        JobRunRecord run, string? expectedCheckpoint, string checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot = snapshot with { Columns = await lineage.WithPersonalDataAsync(product, snapshot.Columns, cancellationToken) };
        if (!await committer.CommitAsync(product, snapshot, samples, run, expectedCheckpoint, checkpoint, cancellationToken))
            return false;
        changes.Publish(new ProductChange(product, run.FinishedAt, snapshot.RowCount));
        retention.DeleteExpired(product, snapshot.Location, keep.Snapshots, keep.Quarantine);
        return true;
    }

    /// <summary>A run that found nothing new: only its check time and checkpoint are recorded.</summary>
    public Task RecordIdleAsync(int jobId, DateTime checkedAt, string? expectedCheckpoint, string checkpoint, CancellationToken cancellationToken) =>
        committer.RecordIdleAsync(jobId, checkedAt, expectedCheckpoint, checkpoint, cancellationToken);

    /// <summary>A failed run; recorded even when the caller has gone. The product's owners hear when the job starts failing.</summary>
    public async Task RecordFailureAsync(JobRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await committer.RecordRunAsync(run, CancellationToken.None);
        await failures.NotifyAsync(run.JobId, CancellationToken.None);
    }
}
