using MeshStudio.Application.Products.Versions;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// A product's versions (ADR 25): <c>GET /api/products/{domain}/{name}/versions</c> for whoever can see it, and
/// <c>PUT …/deprecation</c> for its owner to set when an old major version stops being kept.
/// </summary>
public static class VersionEndpoints
{
    public static void MapVersionEndpoints(this IEndpointRouteBuilder app)
    {
        var versions = app.MapGroup("/api/products/{domain}/{name}").WithTags("Products").RequireAuthorization();
        versions.MapGet("/versions", GetAsync)
            .WithName("GetProductVersions")
            .WithSummary("Every version of the product across its majors: schema diffs, snapshots per version, deprecation dates and (for the domain) consumers.");
        versions.MapPut("/deprecation", PutDeprecationAsync)
            .WithName("PutProductDeprecation")
            .WithSummary("Set or clear (after: null) when an old major version is deprecated (its owner or the domain's owners).");
    }

    private static async Task<Results<Ok<VersionHistory>, ProblemHttpResult>> GetAsync(
        string domain, string name, HttpContext context, UserContextResolver users, ProductVersionHistory history)
    {
        var result = QualifiedName.TryParse($"{domain}.{name}", out var product)
            ? await history.GetAsync(await context.UserAsync(users), product, context.RequestAborted)
            : null;
        return result is null ? NotFound(domain, name) : TypedResults.Ok(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutDeprecationAsync(
        string domain, string name, DeprecationRequest request, HttpContext context, UserContextResolver users, ProductVersionHistory history)
    {
        if (!QualifiedName.TryParse($"{domain}.{name}", out var product))
            return NotFound(domain, name);
        await history.SetDeprecationAsync(await context.UserAsync(users), product, request.After, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string domain, string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no product {domain}.{name} you can see.");
}
