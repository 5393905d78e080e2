using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Web.Execution;

/// <summary>Merges the small segment files of every ingested source in the background, so reads stay fast under a live stream.</summary>
public sealed class LakeMaintenance(SegmentCompactor compactor, TimeProvider time, ILogger<LakeMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var merged = await compactor.CompactAllAsync(stoppingToken);
                if (merged > 0)
                    logger.LogDebug("Compacted {Files} segment files", merged);
            }
            catch (Exception e) when (e is IOException or AggregateException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Segment compaction failed; it retries in {Interval}.", Interval);
            }
        }
    }
}
