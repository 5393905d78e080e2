using MeshStudio.Application.Lineage;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// Lineage (ADR 22): <c>GET /api/lineage</c>, the mesh graph, and <c>GET /api/products/{domain}/{name}/lineage</c>, the
/// graph around a product with where each of its columns comes from. Both show only what the user may see.
/// </summary>
public static class LineageEndpoints
{
    public static void MapLineageEndpoints(this IEndpointRouteBuilder app)
    {
        var lineage = app.MapGroup("/api").WithTags("Lineage").RequireAuthorization();
        lineage.MapGet("/lineage", MeshAsync)
            .WithName("GetMeshLineage")
            .WithSummary("Sources → jobs → products across domains, with owner, status and freshness; what the user may see.");
        lineage.MapGet("/products/{domain}/{name}/lineage", ProductAsync)
            .WithName("GetProductLineage")
            .WithSummary("The graph a product is made from and feeds, and per column the upstream columns and personal data it carries.");
    }

    private static async Task<Ok<LineageGraph>> MeshAsync(HttpContext context, UserContextResolver users, LineageService lineage) =>
        TypedResults.Ok(await lineage.MeshAsync(await context.UserAsync(users), context.RequestAborted));

    private static async Task<Results<Ok<ProductLineage>, ProblemHttpResult>> ProductAsync(
        string domain, string name, HttpContext context, UserContextResolver users, LineageService lineage)
    {
        var result = QualifiedName.TryParse($"{domain}.{name}", out var product)
            ? await lineage.ProductAsync(await context.UserAsync(users), product, context.RequestAborted)
            : null;
        return result is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no product {domain}.{name} you can see.")
            : TypedResults.Ok(result);
    }
}
