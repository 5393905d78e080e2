using MeshStudio.Application.Execution;
using MeshStudio.Application.Execution.Incremental;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Web.Execution;

/// <summary>
/// Merges the small segment files of every ingested source in the background, so reads stay fast under a live
/// stream. Only events every job reading the source has already read are merged, so no merged file ever spans a
/// job's checkpoint (a run reads whole files).
/// </summary>
public sealed partial class LakeMaintenance(SegmentCompactor compactor, JobCommitter jobs, TimeProvider time, ILogger<LakeMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var merged = await compactor.CompactAllAsync(await HorizonsAsync(jobs, stoppingToken), stoppingToken);
                if (merged > 0)
                    LogCompacted(logger, merged);
            }
            catch (Exception e) when (e is IOException or AggregateException or UnauthorizedAccessException)
            {
                LogCompactionFailed(logger, e, Interval);
            }
        }
    }

    /// <summary>Per source, the smallest position any job's checkpoint has read it to (no job: no limit).</summary>
    public static async Task<Func<QualifiedName, long>> HorizonsAsync(JobCommitter jobs, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Compacted {Files} segment files")]
    private static partial void LogCompacted(ILogger logger, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment compaction failed; it retries in {Interval}.")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception, TimeSpan interval);
}
