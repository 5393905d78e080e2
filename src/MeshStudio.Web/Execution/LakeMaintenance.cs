using MeshStudio.Application.Lake;

namespace MeshStudio.Web.Execution;

/// <summary>Runs <see cref="SegmentMerging"/> in the background every <see cref="Interval"/>.</summary>
public sealed partial class LakeMaintenance(SegmentMerging merging, TimeProvider time, ILogger<LakeMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var merged = await merging.MergeAsync(stoppingToken);
                if (merged > 0)
                    LogCompacted(logger, merged);
            }
            catch (Exception e) when (e is IOException or AggregateException or UnauthorizedAccessException)
            {
                LogCompactionFailed(logger, e, Interval);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Compacted {Files} segment files")]
    private static partial void LogCompacted(ILogger logger, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment compaction failed; it retries in {Interval}.")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception, TimeSpan interval);
}
