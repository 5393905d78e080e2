using MeshStudio.Application.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// <c>POST /api/ingest/{domain}/{source}</c>: events for an HTTP source, authenticated by the domain's key (not a user
/// session), which <see cref="HttpSourceIngestion"/> checks before the body is read.
/// </summary>
public static class IngestEndpoints
{
    public const long MaxBodyBytes = 16 * 1024 * 1024;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void MapIngestEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/ingest/{domain}/{source}", IngestAsync)
            .AllowAnonymous()
            .WithTags("Ingest")
            .WithName("Ingest")
            .WithSummary("Append events (NDJSON or a JSON array) to an HTTP source. Durable once answered.");

    private static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> IngestAsync(
        string domain, string source, HttpContext context, HttpSourceIngestion ingestion)
    {
        if (!QualifiedName.TryParse($"{domain}.{source}", out var name))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"'{domain}.{source}' is not a valid source name.");
        var caller = new IngestCaller(context.Request.Headers["X-Api-Key"], RequestActor.Anonymous(context.Connection.RemoteIpAddress?.ToString()));
        var target = await ingestion.AuthorizeAsync(caller, name, context.RequestAborted);
        var body = context.Request.ContentLength > MaxBodyBytes ? null : await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
                detail: $"A batch may hold at most {MaxBodyBytes / (1024 * 1024)} MiB; split it.");
        var key = context.Request.Headers[IdempotencyKeyHeader];
        var stored = await ingestion.IngestAsync(target, body, key.Count > 0 ? key.ToString() : null, context.RequestAborted);
        if (stored.Replayed)
            context.Response.Headers[ReplayedHeader] = "true";
        return TypedResults.Ok(new IngestResponse(stored.Accepted, stored.Replayed));
    }

    /// <summary>The body as text, or null once it passes <see cref="MaxBodyBytes"/> (a body without Content-Length is counted as it arrives).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[81920];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyBytes)
                return null;
        }
        return text.ToString();
    }
}

/// <param name="Accepted">Events stored by the batch.</param>
/// <param name="Replayed">True when this answers a retry of an Idempotency-Key already stored: nothing new was stored.</param>
public sealed record IngestResponse(int Accepted, bool Replayed);
