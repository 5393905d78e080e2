using MeshStudio.Application.Execution;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// A job's lifecycle over HTTP: its state and runs, run now, pause/resume, backfill, drop and versions. Signed-in
/// users only; <see cref="JobActions"/> decides who may do what (403 with its message), a missing job is 404.
/// </summary>
public static class JobEndpoints
{
    public const int RecentRuns = 20;

    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs/{domain}/{job}").WithTags("Jobs").RequireAuthorization();

        jobs.MapGet("", GetAsync).WithName("GetJob")
            .WithSummary("A job's state (paused or scheduled), interval, current version, last run and its recent runs, newest first.");
        jobs.MapPost("/run", RunAsync).WithName("RunJob")
            .WithSummary("Runs the job now (also when paused) and answers with the run's outcome; a failed run is 200 with succeeded=false.");
        jobs.MapPost("/pause", PauseAsync).WithName("PauseJob")
            .WithSummary("Pauses the job: the scheduler skips it until it is resumed.");
        jobs.MapPost("/resume", ResumeAsync).WithName("ResumeJob")
            .WithSummary("Resumes a paused job on its schedule.");
        jobs.MapPost("/backfill", BackfillAsync).WithName("BackfillJob")
            .WithSummary("Recomputes the product from the beginning of the job's inputs, now, and answers with the run's outcome.");
        jobs.MapDelete("", DropAsync).WithName("DropJob")
            .WithSummary("Drops the job (DROP JOB): its schedule, runs and versions go; its product keeps its data.");
        jobs.MapGet("/versions", ListVersionsAsync).WithName("ListJobVersions")
            .WithSummary("Every definition the job has had (CREATE JOB is version 1, each ALTER JOB the next), newest first.");
    }

    private static async Task<Results<Ok<JobDetails>, ProblemHttpResult>> GetAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var details = await actions.GetAsync(await context.UserAsync(users), Name(domain, job), RecentRuns, context.RequestAborted);
        return details is null ? NotFound(domain, job) : TypedResults.Ok(details);
    }

    private static async Task<Results<Ok<JobRunResponse>, ProblemHttpResult>> RunAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var (user, details) = await FindAsync(domain, job, context, users, actions);
        return details is null
            ? NotFound(domain, job)
            : TypedResults.Ok(Response(await actions.RunAsync(user, details.Name, context.RequestAborted)));
    }

    private static async Task<Results<Ok<JobRunResponse>, ProblemHttpResult>> BackfillAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var (user, details) = await FindAsync(domain, job, context, users, actions);
        return details is null
            ? NotFound(domain, job)
            : TypedResults.Ok(Response(await actions.BackfillAsync(user, details.Name, context.RequestAborted)));
    }

    private static Task<Results<Ok<JobStateResponse>, ProblemHttpResult>> PauseAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions) =>
        SetPausedAsync(domain, job, true, context, users, actions);

    private static Task<Results<Ok<JobStateResponse>, ProblemHttpResult>> ResumeAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions) =>
        SetPausedAsync(domain, job, false, context, users, actions);

    private static async Task<Results<NoContent, ProblemHttpResult>> DropAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var (user, details) = await FindAsync(domain, job, context, users, actions);
        if (details is null)
            return NotFound(domain, job);
        await actions.DropAsync(user, details.Name, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<JobVersionView>>, ProblemHttpResult>> ListVersionsAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var versions = await actions.ListVersionsAsync(await context.UserAsync(users), Name(domain, job), context.RequestAborted);
        return versions is null ? NotFound(domain, job) : TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<JobStateResponse>, ProblemHttpResult>> SetPausedAsync(
        string domain, string job, bool paused, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var (user, details) = await FindAsync(domain, job, context, users, actions);
        if (details is null)
            return NotFound(domain, job);
        await actions.SetPausedAsync(user, details.Name, paused, context.RequestAborted);
        return TypedResults.Ok(new JobStateResponse(details.Name.ToString(), paused));
    }

    private static async Task<(Core.Identity.UserContext User, JobDetails? Details)> FindAsync(
        string domain, string job, HttpContext context, UserContextResolver users, JobActions actions)
    {
        var user = await context.UserAsync(users);
        return (user, await actions.GetAsync(user, Name(domain, job), RecentRuns, context.RequestAborted));
    }

    private static JobRunResponse Response(JobRunOutcome outcome) =>
        new(outcome.Succeeded, outcome.Idle, outcome.RowCount, outcome.Error?.Message, outcome.Error?.Line, outcome.Error?.Column);

    private static QualifiedName Name(string domain, string job) =>
        QualifiedName.TryParse($"{domain}.{job}", out var qualified) ? qualified : throw new KeyNotFoundException($"'{domain}.{job}' is not a job name.");

    private static ProblemHttpResult NotFound(string domain, string job) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no job {domain}.{job}.");
}

/// <summary>The outcome of a run started through the API; the error position is in the job's definition.</summary>
/// <param name="Idle">True when there was nothing new to read and no snapshot was written.</param>
/// <param name="Rows">Rows of the snapshot the run committed (0 when idle or failed).</param>
public sealed record JobRunResponse(bool Succeeded, bool Idle, long Rows, string? Error, int? Line, int? Column);

public sealed record JobStateResponse(string Job, bool IsPaused);
