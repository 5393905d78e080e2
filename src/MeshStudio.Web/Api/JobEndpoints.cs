using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Execution;
using MeshStudio.Web.Security;

namespace MeshStudio.Web.Api;

/// <summary>
/// A job's lifecycle over HTTP: its state and runs, run now, pause/resume, backfill, drop and versions.
/// Members of the job's domain (and admins) read; its authors change it. Anyone else gets 403, a missing job 404.
/// </summary>
public static class JobEndpoints
{
    public const int RecentRuns = 20;

    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs/{domain}/{job}").WithTags("Jobs");

        jobs.MapGet("", async (string domain, string job, HttpContext context, UserContextResolver users, JobService service) =>
            {
                var (_, details) = await FindAsync(domain, job, context, users, service);
                return details is null ? NotFound(domain, job) : Results.Ok(details);
            })
            .WithName("GetJob")
            .WithSummary("A job's state (paused or scheduled), interval, current version, last run and its recent runs, newest first.");

        jobs.MapPost("/run", async (string domain, string job, HttpContext context, UserContextResolver users, JobService service, JobRunner runner) =>
            {
                var (user, details) = await FindAsync(domain, job, context, users, service);
                if (details is null)
                    return NotFound(domain, job);
                CheckAuthor(user, details.Name, "run");
                return Results.Ok(await RunAsync(runner, details.Name, context.RequestAborted));
            })
            .WithName("RunJob")
            .WithSummary("Runs the job now (also when paused) and answers with the run's outcome; a failed run is 200 with succeeded=false.");

        jobs.MapPost("/pause", (string domain, string job, HttpContext context, UserContextResolver users, JobService service) =>
                SetPausedAsync(domain, job, true, context, users, service))
            .WithName("PauseJob")
            .WithSummary("Pauses the job: the scheduler skips it until it is resumed.");

        jobs.MapPost("/resume", (string domain, string job, HttpContext context, UserContextResolver users, JobService service) =>
                SetPausedAsync(domain, job, false, context, users, service))
            .WithName("ResumeJob")
            .WithSummary("Resumes a paused job on its schedule.");

        jobs.MapPost("/backfill", async (string domain, string job, HttpContext context, UserContextResolver users, JobService service, JobRunner runner) =>
            {
                var (user, details) = await FindAsync(domain, job, context, users, service);
                if (details is null)
                    return NotFound(domain, job);
                await service.RequestBackfillAsync(user, details.Name, context.RequestAborted);
                return Results.Ok(await RunAsync(runner, details.Name, context.RequestAborted));
            })
            .WithName("BackfillJob")
            .WithSummary("Recomputes the product from the beginning of the job's inputs, now, and answers with the run's outcome.");

        jobs.MapDelete("", async (string domain, string job, HttpContext context, UserContextResolver users, JobService service) =>
            {
                var (user, details) = await FindAsync(domain, job, context, users, service);
                if (details is null)
                    return NotFound(domain, job);
                await service.DropAsync(user, details.Name, ifExists: true, context.RequestAborted);
                return Results.NoContent();
            })
            .WithName("DropJob")
            .WithSummary("Drops the job (DROP JOB): its schedule, runs and versions go; its product keeps its data.");

        jobs.MapGet("/versions", async (string domain, string job, HttpContext context, UserContextResolver users, JobService service) =>
            {
                var user = await context.UserAsync(users);
                var versions = await service.ListVersionsAsync(user, Name(domain, job), context.RequestAborted);
                return versions is null ? NotFound(domain, job) : Results.Ok(versions);
            })
            .WithName("ListJobVersions")
            .WithSummary("Every definition the job has had (CREATE JOB is version 1, each ALTER JOB the next), newest first.");
    }

    private static async Task<(UserContext User, JobDetails? Details)> FindAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobService service)
    {
        var user = await context.UserAsync(users);
        return (user, await service.GetAsync(user, Name(domain, job), RecentRuns, context.RequestAborted));
    }

    private static async Task<IResult> SetPausedAsync(
        string domain, string job, bool paused, HttpContext context, UserContextResolver users, JobService service)
    {
        var (user, details) = await FindAsync(domain, job, context, users, service);
        if (details is null)
            return NotFound(domain, job);
        await service.SetPausedAsync(user, details.Name, paused, context.RequestAborted);
        return Results.Ok(new JobStateResponse(details.Name.ToString(), paused));
    }

    private static async Task<JobRunResponse> RunAsync(JobRunner runner, QualifiedName job, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(job, cancellationToken);
        return new JobRunResponse(outcome.Succeeded, outcome.Idle, outcome.RowCount, outcome.Error?.Message, outcome.Error?.Line, outcome.Error?.Column);
    }

    private static void CheckAuthor(UserContext user, QualifiedName job, string what)
    {
        if (!Core.Access.AccessRules.CanAuthorIn(user, job.Domain))
            throw new Core.Access.AccessDeniedException($"Only analysts and owners of the {job.Domain} domain can {what} its jobs.");
    }

    private static QualifiedName Name(string domain, string job) =>
        QualifiedName.TryParse($"{domain}.{job}", out var qualified) ? qualified : throw new KeyNotFoundException($"'{domain}.{job}' is not a job name.");

    private static IResult NotFound(string domain, string job) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no job {domain}.{job}.");
}

/// <summary>The outcome of a run started through the API; the error position is in the job's definition.</summary>
/// <param name="Idle">True when there was nothing new to read and no snapshot was written.</param>
/// <param name="Rows">Rows of the snapshot the run committed (0 when idle or failed).</param>
public sealed record JobRunResponse(bool Succeeded, bool Idle, long Rows, string? Error, int? Line, int? Column);

public sealed record JobStateResponse(string Job, bool IsPaused);
