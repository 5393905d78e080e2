using MeshStudio.Application.Ingestion;
using MeshStudio.Core.Access;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// <c>POST /api/sources/{domain}/{source}/files</c>: a file for a file source, as a multipart form or as the raw body;
/// <see cref="FileSourceIngestion"/> decides who may upload (authors of the domain) before the body is read.
/// </summary>
public static class SourceFileEndpoints
{
    public static void MapSourceFileEndpoints(this IEndpointRouteBuilder app) =>
        // Authors of the domain, with a personal access token (or a signed-in session).
        app.MapPost("/api/sources/{domain}/{source}/files", UploadAsync)
            .DisableAntiforgery()
            .WithTags("Sources")
            .WithName("UploadSourceFile")
            .WithSummary("Upload a JSON-lines, CSV or Parquet file to a file source; ingested at once, answered with the rows stored and quarantined.");

    private static async Task<Results<Ok<FileUploadResponse>, ProblemHttpResult>> UploadAsync(
        string domain, string source, HttpContext context, UserContextResolver users, FileSourceIngestion ingestion)
    {
        if (!QualifiedName.TryParse($"{domain}.{source}", out var name))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"'{domain}.{source}' is not a valid source name.");
        var user = await context.UserAsync(users);
        FileSourceIngestion.EnsureMayUpload(user, name); // before the body is read
        if (context.Request.ContentLength > FileSourceIngestion.MaxUploadBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
                detail: $"Uploads may be at most {FileSourceIngestion.MaxUploadBytes / (1024 * 1024)} MiB. Split the file, or drop it into the domain inbox.");
        FileIngestResult result;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var file = form.Files.Count == 1 ? form.Files[0]
                : throw new RuleViolationException("Send exactly one file in the multipart form (field 'file').");
            await using var stream = file.OpenReadStream();
            result = await ingestion.UploadAsync(user, name, file.FileName, stream, file.Length, null, context.RequestAborted);
        }
        else
        {
            var fileName = context.Request.Query["name"].ToString();
            if (string.IsNullOrWhiteSpace(fileName))
                fileName = context.Request.Headers["X-File-Name"].ToString();
            if (string.IsNullOrWhiteSpace(fileName))
                throw new RuleViolationException("Name the file: ?name=orders.csv (or the X-File-Name header), or send a multipart form.");
            result = await ingestion.UploadAsync(user, name, fileName, context.Request.Body, context.Request.ContentLength, null, context.RequestAborted);
        }
        return TypedResults.Ok(new FileUploadResponse(result.File, result.Rows, result.QuarantinedRows, result.FileQuarantined, result.Reason,
            result.Reasons, result.SchemaChanges.Select(c => c.ToString()).ToList()));
    }
}

/// <param name="File">Where the file was stored, relative to the domain inbox.</param>
/// <param name="Rows">Rows stored in the source.</param>
/// <param name="QuarantinedRows">Rows sent to the source's quarantine.</param>
/// <param name="FileQuarantined">True when the file could not be read at all (see <paramref name="Reason"/>).</param>
/// <param name="Reasons">The first reasons rows were quarantined.</param>
/// <param name="SchemaChanges">Columns the file added or widened.</param>
public sealed record FileUploadResponse(string File, long Rows, long QuarantinedRows, bool FileQuarantined, string? Reason,
    IReadOnlyList<string> Reasons, IReadOnlyList<string> SchemaChanges);
