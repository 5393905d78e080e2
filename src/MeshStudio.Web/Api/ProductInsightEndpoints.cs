using MeshStudio.Application.Products.Trust;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// What a product's page says about it beyond its metadata (ADR 27): its trust status with the reasons. A product the
/// caller cannot see is 404.
/// </summary>
public static class ProductInsightEndpoints
{
    public static void MapProductInsightEndpoints(this IEndpointRouteBuilder app)
    {
        var product = app.MapGroup("/api/products/{domain}/{name}").WithTags("Products").RequireAuthorization();
        product.MapGet("/trust", GetTrustAsync).WithName("GetProductTrust")
            .WithSummary("The product's trust status (Healthy, Degraded, Failing, Unknown) with its reasons: freshness against the SLA, expectation results, the job's state.");
    }

    private static async Task<Results<Ok<ProductTrustView>, ProblemHttpResult>> GetTrustAsync(
        string domain, string name, HttpContext context, UserContextResolver users, ProductTrust trust)
    {
        var view = QualifiedName.TryParse($"{domain}.{name}", out var product)
            ? await trust.GetAsync(await context.UserAsync(users), product, context.RequestAborted)
            : null;
        return view is null ? NotFound(domain, name) : TypedResults.Ok(view);
    }

    private static ProblemHttpResult NotFound(string domain, string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no product {domain}.{name} you can see.");
}
