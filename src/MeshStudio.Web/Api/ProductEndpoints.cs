using MeshStudio.Application.Execution;
using MeshStudio.Application.Products;
using MeshStudio.Application.Search;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Trust;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// Products over HTTP: marketplace search, a product's metadata, its data (pages of rows or the snapshot file) and
/// its column statistics. Signed-in users only; <see cref="ProductData"/> and <see cref="ProductStatisticsReader"/>
/// decide who may read the data (403 with their message), a product the caller cannot see is 404.
/// </summary>
public static class ProductEndpoints
{
    public const int MaxPageSize = 10_000;

    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products").RequireAuthorization();

        products.MapGet("/", SearchAsync).WithName("SearchProducts")
            .WithSummary("Marketplace search over published products: typo-tolerant, ranked or sorted, with facets and match positions.");
        products.MapGet("/{domain}/{name}", GetAsync).WithName("GetProduct")
            .WithSummary("A product's metadata, schema, status and freshness.");
        products.MapGet("/{domain}/{name}/data", GetDataAsync).Produces<DataPage>().WithName("GetProductData")
            .WithSummary("A product's rows as JSON or CSV (paged: page, pageSize) or its current snapshot as one Parquet file; download=true makes JSON an attachment too. Needs a grant.");
        products.MapGet("/{domain}/{name}/statistics", GetStatisticsAsync).WithName("GetProductStatistics")
            .WithSummary("Per column of the current snapshot: rows, nulls, minimum and maximum, from the Parquet footers. Needs a grant.");
    }

    private static async Task<Results<Ok<SearchPage>, ProblemHttpResult>> SearchAsync(
        string? q, string? domain, string? tag, string? owner, string? classification, string? trust, string? sort, int? page, int? pageSize,
        ProductSearch search, CancellationToken cancellationToken)
    {
        TrustStatus? status = null;
        if (!string.IsNullOrEmpty(trust))
        {
            if (!Enum.TryParse<TrustStatus>(trust, ignoreCase: true, out var parsedTrust) || !Enum.IsDefined(parsedTrust) || int.TryParse(trust, out _))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                    detail: $"trust must be one of {string.Join(", ", Enum.GetNames<TrustStatus>())}.");
            status = parsedTrust;
        }
        SearchSort? order = (sort ?? "relevance") switch
        {
            "relevance" => SearchSort.Relevance,
            "freshness" => SearchSort.Freshness,
            _ => null,
        };
        if (order is not { } parsed)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "sort must be relevance or freshness.");
        if (classification is not (null or "" or SearchClassification.Personal or SearchClassification.NotPersonal))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: $"classification must be {SearchClassification.Personal} or {SearchClassification.NotPersonal}.");
        var query = new ProductQuery(q, domain, tag, Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 100), owner, classification, parsed, status);
        return TypedResults.Ok(await search.SearchAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<ProductDetails>, ProblemHttpResult>> GetAsync(
        string domain, string name, HttpContext context, UserContextResolver users, ProductService service)
    {
        var product = await service.GetAsync(await context.UserAsync(users), Name(domain, name), context.RequestAborted);
        return product is null ? NotFound(domain, name) : TypedResults.Ok(product);
    }

    private static async Task<Results<JsonRowsResult, FileStreamHttpResult, ProblemHttpResult>> GetDataAsync(
        string domain, string name, string? format, int? page, int? pageSize, bool? download, HttpContext context, UserContextResolver users,
        ProductData data, ExecutionService execution)
    {
        ProductDataFormat? parsed = (format ?? "json") switch
        {
            "json" => ProductDataFormat.Json,
            "csv" => ProductDataFormat.Csv,
            "parquet" => ProductDataFormat.Parquet,
            _ => null,
        };
        if (parsed is not { } kind)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "format must be json, csv or parquet.");
        var user = await context.UserAsync(users);
        var product = Name(domain, name);
        if (kind == ProductDataFormat.Parquet)
        {
            return await data.OpenSnapshotAsync(user, product, context.RequestAborted) switch
            {
                null => NotFound(domain, name),
                { Content: null } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No data yet", detail: $"{product} has no committed snapshot yet."),
                { Content: { } file } => TypedResults.File(file, "application/vnd.apache.parquet", $"{product.Domain}.{product.Name}.parquet"),
            };
        }
        var size = Math.Clamp(pageSize ?? 1000, 1, MaxPageSize);
        var number = Math.Max(1, page ?? 1);
        var stream = await data.StartPageAsync(user, product, kind, size, number, context.RequestAborted);
        if (stream is null)
            return NotFound(domain, name);
        var budget = new ResultBudget(size, execution.MaxResultBytes);
        if (kind == ProductDataFormat.Csv)
            return await CsvDownload.CreateAsync(context, stream, budget, $"{product.Domain}.{product.Name}-page{number}.csv");
        return new JsonRowsResult(stream, budget, (json, b) =>
        {
            json.WriteNumber("page", number);
            json.WriteNumber("pageSize", size);
            json.WriteBoolean("hasMore", b.TruncatedBy is not null);
        }, download == true ? $"{product.Domain}.{product.Name}-page{number}.json" : null);
    }

    private static async Task<Results<Ok<ProductStatistics>, ProblemHttpResult>> GetStatisticsAsync(
        string domain, string name, HttpContext context, UserContextResolver users, ProductStatisticsReader reader)
    {
        var statistics = QualifiedName.TryParse($"{domain}.{name}", out var product)
            ? await reader.ReadAsync(await context.UserAsync(users), product, context.RequestAborted)
            : null;
        return statistics is null ? NotFound(domain, name) : TypedResults.Ok(statistics);
    }

    private static QualifiedName Name(string domain, string name) =>
        QualifiedName.TryParse($"{domain}.{name}", out var qualified) ? qualified : throw new KeyNotFoundException($"'{domain}.{name}' is not a product name.");

    private static ProblemHttpResult NotFound(string domain, string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no product {domain}.{name} you can see.");
}

/// <summary>A JSON page of product data (streamed by <see cref="JsonRowsResult"/>); <paramref name="TruncatedBy"/> is <c>bytes</c> when the page was cut at the response byte limit.</summary>
public sealed record DataPage(
    IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, string? TruncatedBy, int Page, int PageSize, bool HasMore, string? Error);
