using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Products;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;
using MeshStudio.Web.Execution;
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
                        var result = await execution.QueryAllAsync(user,
                            $"SELECT * FROM {qualified} LIMIT {size + 1} OFFSET {(long)(number - 1) * size}", size + 1, context.RequestAborted);
                        var rows = result.Rows.Take(size).ToList();
                        var hasMore = result.Rows.Count > size;
                        if (format == "csv")
                        {
                            context.Response.Headers["X-Has-More"] = hasMore ? "true" : "false";
                            return Results.Text(CsvFormatter.Format(result.Columns.Select(c => c.Name), rows), "text/csv");
                        }
                        return Results.Ok(new DataPage(result.Columns.Select(c => new ColumnInfo(c.Name, c.Type)).ToList(), rows, number, size, hasMore));
                    default:
                        return Results.Problem(statusCode: 400, title: "Bad request", detail: "format must be json, csv or parquet.");
                }
            })
            .WithName("GetProductData")
            .WithSummary("A product's rows as JSON or CSV (paged: page, pageSize) or its current snapshot as one Parquet file. Needs a grant.");
    }

    private static QualifiedName Name(string domain, string name) =>
        QualifiedName.TryParse($"{domain}.{name}", out var qualified) ? qualified : throw new KeyNotFoundException($"'{domain}.{name}' is not a product name.");

    private static IResult NotFound(string domain, string name) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no product {domain}.{name} you can see.");
}

public sealed record DataPage(IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<object?[]> Rows, int Page, int PageSize, bool HasMore);
