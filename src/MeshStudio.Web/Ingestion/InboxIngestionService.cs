using MeshStudio.Application.Ingestion;

namespace MeshStudio.Web.Ingestion;

/// <summary>Polls the inboxes of all file sources about once a second and ingests new files.</summary>
public sealed partial class InboxIngestionService(FileSourceIngestion ingestion, ILogger<InboxIngestionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var failures = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ingestion.IngestWaitingAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException) // file system or engine trouble: keep the service alive
            {
                // Logged and retried later (a full disk is recorded by the pass); back off so a persistent problem
                // does not flood the log.
                failures++;
                LogPassFailed(logger, e, failures);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures * 2)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox ingestion failed ({Failures} in a row); retrying")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, int failures);
}
