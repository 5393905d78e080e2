using MeshStudio.Application.Execution;
using MeshStudio.Application.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// A started query as a CSV attachment, spooled first (<see cref="CsvSpool"/>) so the headers can say how the page
/// ended (<c>X-Has-More</c>, <c>X-Truncated: bytes</c>) before the body starts.
/// </summary>
public static class CsvDownload
{
    public static async Task<FileStreamHttpResult> CreateAsync(HttpContext context, QueryStream stream, ResultBudget budget, string fileName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var csv = await CsvSpool.WriteAsync(stream, budget, context.RequestAborted);
        context.Response.Headers["X-Has-More"] = csv.TruncatedBy is null ? "false" : "true";
        if (csv.TruncatedBy == "bytes")
            context.Response.Headers["X-Truncated"] = "bytes";
        return TypedResults.File(csv.Content, "text/csv; charset=utf-8", fileName);
    }
}
