using MeshStudio.Application.Execution;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Jobs;

/// <summary>
/// What a user does to a job, for every adapter (pages, endpoints): read it, run it now, backfill it, pause or resume
/// it, drop it. Each action checks who is asking itself, once, and refuses with <see cref="AccessDeniedException"/>.
/// </summary>
public sealed class JobActions(JobService jobs, JobRunner runner)
{
    /// <summary>The job with its recent runs; null when its domain has no such job. Refused for non-members.</summary>
    public Task<JobDetails?> GetAsync(UserContext user, QualifiedName job, int recentRuns, CancellationToken cancellationToken) =>
        jobs.GetAsync(user, job, recentRuns, cancellationToken);

    /// <summary>Every definition the job has had, newest first; null when there is no such job. Refused for non-members.</summary>
    public Task<IReadOnlyList<JobVersionView>?> ListVersionsAsync(UserContext user, QualifiedName job, CancellationToken cancellationToken) =>
        jobs.ListVersionsAsync(user, job, cancellationToken);

    /// <summary>Runs the job now (also when paused); a run of the same job in progress is awaited first.</summary>
    public async Task<JobRunOutcome> RunAsync(UserContext user, QualifiedName job, CancellationToken cancellationToken)
    {
        Authorize(user, job);
        return await runner.RunAsync(job, cancellationToken);
    }

    /// <summary>Recomputes the product from the beginning of the job's inputs, now: asks for the backfill, then runs.</summary>
    public async Task<JobRunOutcome> BackfillAsync(UserContext user, QualifiedName job, CancellationToken cancellationToken)
    {
        Authorize(user, job);
        await jobs.RequestBackfillAsync(user, job, cancellationToken);
        return await runner.RunAsync(job, cancellationToken);
    }

    /// <summary>Pauses the job (the scheduler skips it) or resumes it on its schedule.</summary>
    public Task SetPausedAsync(UserContext user, QualifiedName job, bool paused, CancellationToken cancellationToken)
    {
        Authorize(user, job);
        return jobs.SetPausedAsync(user, job, paused, cancellationToken);
    }

    /// <summary>Drops the job (its schedule, runs and versions); its product keeps its data. False when there was none.</summary>
    public Task<bool> DropAsync(UserContext user, QualifiedName job, CancellationToken cancellationToken)
    {
        Authorize(user, job);
        return jobs.DropAsync(user, job, ifExists: true, cancellationToken);
    }

    /// <summary>The one rule for changing a job: authors (analysts and owners) of its domain, and admins.</summary>
    private static void Authorize(UserContext user, QualifiedName job)
    {
        if (!AccessRules.CanAuthorIn(user, job.Domain))
            throw new AccessDeniedException($"Only members of the {job.Domain} domain can run or change its jobs.");
    }
}
