using MeshStudio.Application.Products;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// <c>GET /api/products/{domain}/{name}/statistics</c>: per column of the current snapshot its row count, null count,
/// minimum and maximum, read from the Parquet footers. Needs access to the data (403 otherwise, like the rows).
/// </summary>
public static class ProductStatisticsEndpoint
{
    public static void MapProductStatisticsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/products/{domain}/{name}/statistics", GetAsync)
            .WithTags("Products")
            .RequireAuthorization()
            .WithName("GetProductStatistics")
            .WithSummary("Per column of the current snapshot: rows, nulls, minimum and maximum, from the Parquet footers. Needs a grant.");

    private static async Task<Results<Ok<ProductStatistics>, ProblemHttpResult>> GetAsync(
        string domain, string name, HttpContext context, UserContextResolver users, ProductStatisticsReader reader)
    {
        var statistics = QualifiedName.TryParse($"{domain}.{name}", out var product)
            ? await reader.ReadAsync(await context.UserAsync(users), product, context.RequestAborted)
            : null;
        return statistics is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no product {domain}.{name} you can see.")
            : TypedResults.Ok(statistics);
    }
}
