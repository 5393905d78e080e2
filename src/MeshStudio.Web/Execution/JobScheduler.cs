using System.Collections.Concurrent;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Products;
using MeshStudio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MeshStudio.Web.Execution;

/// <summary>
/// Runs every job whose <c>run_interval</c> has elapsed, checking every 100 ms. Jobs run side by side (at most one
/// run per job, at most one per core), so a slow full recompute does not delay the others' fresh data. Jobs
/// without an interval run only on demand.
/// </summary>
public sealed partial class JobScheduler(JobService jobs, JobRunner runner, TimeProvider time, IOptions<MeshStudioOptions> options, ILogger<JobScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly int MaxParallelRuns = Math.Max(2, Environment.ProcessorCount);
    private readonly ConcurrentDictionary<QualifiedName, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Jobs.SchedulerEnabled)
            return;
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var name in await jobs.DueAsync(time.GetUtcNow().UtcDateTime, stoppingToken))
                    {
                        if (_running.Count >= MaxParallelRuns)
                            break;
                        if (!_running.ContainsKey(name))
                            _running[name] = RunAsync(name, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPassFailed(logger, e);
                }
            }
        }
        finally
        {
            await Task.WhenAll(_running.Values);
        }
    }

    private async Task RunAsync(QualifiedName job, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await runner.RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogJobCrashed(logger, e, job);
        }
        finally
        {
            _running.TryRemove(job, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The job scheduler's pass failed; it retries on the next tick.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed unexpectedly; it runs again at its next interval.")]
    private static partial void LogJobCrashed(ILogger logger, Exception exception, QualifiedName job);
}
