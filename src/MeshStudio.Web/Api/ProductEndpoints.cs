using MeshStudio.Application.Execution;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Products;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;
using MeshStudio.Web.Security;

namespace MeshStudio.Web.Api;

public static class ProductEndpoints
{
    public const int MaxPageSize = 10_000;

    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products");

        products.MapGet("/", (string? q, string? domain, string? tag, int? page, int? pageSize, ProductSearch search, CancellationToken cancellationToken) =>
                search.SearchAsync(new ProductQuery(q, domain, tag, Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 100)), cancellationToken))
            .WithName("SearchProducts")
            .WithSummary("Marketplace search over published products, ranked, with domain and tag facets.");

        products.MapGet("/{domain}/{name}", async (string domain, string name, HttpContext context, UserContextResolver users, ProductService service) =>
            {
                var product = await service.GetAsync(await context.UserAsync(users), Name(domain, name), context.RequestAborted);
                return product is null ? NotFound(domain, name) : Results.Ok(product);
            })
            .WithName("GetProduct")
            .WithSummary("A product's metadata, schema, status and freshness.");

        products.MapGet("/{domain}/{name}/data", async (
                string domain, string name, string? format, int? page, int? pageSize,
                HttpContext context, UserContextResolver users, ProductService service, ExecutionService execution,
                SnapshotExport export, AuditLog audit) =>
            {
                var user = await context.UserAsync(users);
                var qualified = Name(domain, name);
                var product = await service.GetAsync(user, qualified, context.RequestAborted);
                if (product is null)
                    return NotFound(domain, name);
                if (!product.CanReadData)
                    throw new AccessDeniedException($"You have no access to {qualified}. Request access on its marketplace page ({AppUrls.Product(qualified)}).");
                await audit.WriteAsync(user.UserName, "product.downloaded", qualified.ToString(), $"format={format ?? "json"}", context.RequestAborted);

                switch (format ?? "json")
                {
                    case "parquet":
                        var file = product.SnapshotLocation is null ? null : export.OpenSingleFile(product.SnapshotLocation);
                        return file is null
                            ? Results.Problem(statusCode: 404, title: "No data yet", detail: $"{qualified} has no committed snapshot yet.")
                            : Results.File(file, "application/vnd.apache.parquet", $"{qualified.Domain}.{qualified.Name}.parquet");
                    case "json" or "csv":
                        var size = Math.Clamp(pageSize ?? 1000, 1, MaxPageSize);
                        var number = Math.Max(1, page ?? 1);
                        var stream = await execution.StartProductPageAsync(user, qualified, size, number, context.RequestAborted);
                        var budget = new ResultBudget(size, execution.MaxResultBytes);
                        if (format == "csv")
                            return await CsvDownload.CreateAsync(context, stream, budget, $"{qualified.Domain}.{qualified.Name}-page{number}.csv");
                        return new JsonRowsResult(stream, budget, (json, b) =>
                        {
                            json.WriteNumber("page", number);
                            json.WriteNumber("pageSize", size);
                            json.WriteBoolean("hasMore", b.TruncatedBy is not null);
                        });
                    default:
                        return Results.Problem(statusCode: 400, title: "Bad request", detail: "format must be json, csv or parquet.");
                }
            })
            .Produces<DataPage>()
            .WithName("GetProductData")
            .WithSummary("A product's rows as JSON or CSV (paged: page, pageSize) or its current snapshot as one Parquet file. Needs a grant.");
    }

    private static QualifiedName Name(string domain, string name) =>
        QualifiedName.TryParse($"{domain}.{name}", out var qualified) ? qualified : throw new KeyNotFoundException($"'{domain}.{name}' is not a product name.");

    private static IResult NotFound(string domain, string name) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no product {domain}.{name} you can see.");
}

/// <summary>A JSON page of product data (streamed by <see cref="JsonRowsResult"/>); <paramref name="TruncatedBy"/> is <c>bytes</c> when the page was cut at the response byte limit.</summary>
public sealed record DataPage(
    IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, string? TruncatedBy, int Page, int PageSize, bool HasMore, string? Error);
