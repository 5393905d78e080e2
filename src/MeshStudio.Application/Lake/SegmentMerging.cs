using MeshStudio.Application.Execution.Incremental;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Application.Lake;

/// <summary>
/// Merges the small segment files of every ingested source, so reads stay fast under a live stream. Only events every
/// job reading the source has already read are merged, so no merged file ever spans a job's checkpoint (a run reads
/// whole files).
/// </summary>
public sealed class SegmentMerging(SegmentCompactor compactor, JobCommitter jobs)
{
    /// <summary>One pass over all sources; returns the segment files merged.</summary>
    public async Task<int> MergeAsync(CancellationToken cancellationToken) =>
        await compactor.CompactAllAsync(await HorizonsAsync(cancellationToken), cancellationToken);

    /// <summary>Per source, the smallest position any job's checkpoint has read it to (no job: no limit).</summary>
    private async Task<Func<QualifiedName, long>> HorizonsAsync(CancellationToken cancellationToken)
    {
        var horizons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var stored in await jobs.CheckpointsAsync(cancellationToken))
        {
            if (JobCheckpoint.Parse(stored) is not { } checkpoint)
                continue;
            foreach (var (source, read) in checkpoint.Sources)
                horizons[source] = Math.Min(horizons.GetValueOrDefault(source, long.MaxValue), read.Position);
        }
        return source => horizons.GetValueOrDefault(source.ToString(), long.MaxValue);
    }
}
