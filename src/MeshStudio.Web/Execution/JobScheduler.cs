using MeshStudio.Catalog.Jobs;
using MeshStudio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MeshStudio.Web.Execution;

/// <summary>Runs every job whose <c>run_interval</c> has elapsed. Jobs without an interval run only on demand.</summary>
public sealed class JobScheduler(JobService jobs, JobRunner runner, TimeProvider time, IOptions<MeshStudioOptions> options, ILogger<JobScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Jobs.SchedulerEnabled)
            return;
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var job in await jobs.DueAsync(time.GetUtcNow().UtcDateTime, stoppingToken))
                    await runner.RunAsync(new(job.Domain!.Name, job.Name), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The job scheduler's pass failed; it retries on the next tick.");
            }
        }
    }
}
