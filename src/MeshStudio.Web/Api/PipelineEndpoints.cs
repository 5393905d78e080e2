using MeshStudio.Application.Execution;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// <c>POST /api/domains/{domain}/pipelines</c>: a script of CREATE SOURCE / CREATE JOB statements deployed as the caller.
/// Signed-in users only; <see cref="PipelineDeployer"/> decides who may deploy (before the body is read).
/// </summary>
public static class PipelineEndpoints
{
    /// <summary>A pipeline script is a few statements; 1 MiB leaves room for generated ones.</summary>
    public const int MaxScriptBytes = 1024 * 1024;

    public static void MapPipelineEndpoints(this IEndpointRouteBuilder app)
    {
        var pipelines = app.MapGroup("/api/domains/{domain}/pipelines").WithTags("Pipelines").RequireAuthorization();
        pipelines.MapPost("", DeployAsync)
            .Accepts<string>("text/plain")
            .WithName("DeployPipeline")
            .WithSummary("Deploy a script of CREATE SOURCE / CREATE JOB statements as the caller (pipeline as code).");
    }

    private static async Task<Results<Ok<DeployResult>, BadRequest<DeployResult>, ProblemHttpResult>> DeployAsync(
        string domain, HttpContext context, UserContextResolver users, PipelineDeployer deployer)
    {
        // Who may deploy is decided before a byte of the body is read.
        var user = await context.UserAsync(users);
        PipelineDeployer.CheckAuthor(user, domain);
        var script = await TextBody.ReadAsync(context.Request, MaxScriptBytes, context.RequestAborted);
        if (script is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
                detail: $"A pipeline script may hold at most {MaxScriptBytes / 1024} KiB; deploy it in parts.");
        var result = await deployer.DeployAsync(user, domain, script, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.BadRequest(result);
    }
}
