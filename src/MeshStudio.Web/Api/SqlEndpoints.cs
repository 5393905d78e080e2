using MeshStudio.Web.Execution;
using MeshStudio.Web.Security;

namespace MeshStudio.Web.Api;

public static class SqlEndpoints
{
    public const int MaxRows = 10_000;

    public static void MapSqlEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sql", async (SqlRequest request, HttpContext context, UserContextResolver users, ExecutionService execution) =>
            {
                if (string.IsNullOrWhiteSpace(request.Sql))
                    return Results.Problem(statusCode: 400, title: "Bad request", detail: "Send {\"sql\": \"SELECT …\"}.");
                var user = await context.UserAsync(users);
                var limit = Math.Clamp(request.MaxRows ?? 1000, 1, MaxRows);
                var result = await execution.QueryAllAsync(user, request.Sql, limit + 1, context.RequestAborted);
                return Results.Ok(new SqlResponse(result.Columns.Select(c => new ColumnInfo(c.Name, c.Type)).ToList(),
                    result.Rows.Take(limit).ToList(), result.Rows.Count > limit));
            })
            .WithName("RunSql")
            .WithSummary("Run a read-only query as the caller, in the same sandbox and with the same grants as the Studio.");

        app.MapPost("/api/domains/{domain}/pipelines", async (string domain, HttpContext context, UserContextResolver users, PipelineDeployer deployer) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var script = await reader.ReadToEndAsync(context.RequestAborted);
                var result = await deployer.DeployAsync(await context.UserAsync(users), domain, script, context.RequestAborted);
                return result.Succeeded ? Results.Ok(result) : Results.BadRequest(result);
            })
            .Accepts<string>("text/plain")
            .WithName("DeployPipeline")
            .WithSummary("Deploy a script of CREATE SOURCE / CREATE JOB statements as the caller (pipeline as code).");
    }
}

public sealed record SqlRequest(string Sql, int? MaxRows);

public sealed record ColumnInfo(string Name, string Type);

public sealed record SqlResponse(IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<object?[]> Rows, bool Truncated);
