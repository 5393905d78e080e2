using MeshStudio.Application.Execution;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// <c>POST /api/sql</c>: a read-only query as the caller. Signed-in users only; <see cref="ExecutionService"/> runs it
/// with the caller's grants and audits it; an error in the SQL is 400 with its position.
/// </summary>
public static class SqlEndpoints
{
    public const int MaxRows = 10_000;

    public static void MapSqlEndpoints(this IEndpointRouteBuilder app)
    {
        var sql = app.MapGroup("/api/sql").WithTags("SQL").RequireAuthorization();
        sql.MapPost("", RunAsync)
            .Produces<SqlResponse>()
            .WithName("RunSql")
            .WithSummary("Run a read-only query as the caller, in the same sandbox and with the same grants as the Studio.");
    }

    private static async Task<Results<JsonRowsResult, ProblemHttpResult>> RunAsync(
        SqlRequest request, HttpContext context, UserContextResolver users, ExecutionService execution)
    {
        if (string.IsNullOrWhiteSpace(request.Sql))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "Send {\"sql\": \"SELECT …\"}.");
        var user = await context.UserAsync(users);
        var limit = Math.Clamp(request.MaxRows ?? 1000, 1, MaxRows);
        var stream = await execution.StartAsync(user, request.Sql, context.RequestAborted);
        return new JsonRowsResult(stream, new ResultBudget(limit, execution.MaxResultBytes));
    }
}

public sealed record SqlRequest(string Sql, int? MaxRows);

public sealed record ColumnInfo(string Name, string Type);

/// <summary>What <c>POST /api/sql</c> writes (streamed by <see cref="JsonRowsResult"/>).</summary>
/// <param name="TruncatedBy"><c>rows</c> (more than maxRows) or <c>bytes</c> (the response byte limit), or null.</param>
/// <param name="Error">A failure after rows were sent (a timeout); null otherwise.</param>
public sealed record SqlResponse(IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, string? TruncatedBy, string? Error);
