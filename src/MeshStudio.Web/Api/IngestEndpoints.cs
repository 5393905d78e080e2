using MeshStudio.Core.Products;
using MeshStudio.Web.Hosting;
using MeshStudio.Web.Ingestion;

namespace MeshStudio.Web.Api;

public static class IngestEndpoints
{
    public const long MaxBodyBytes = 16 * 1024 * 1024;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        // Authenticated by the domain's X-Api-Key inside the handler (before the body is read), not by a user session.
        app.MapPost("/api/ingest/{domain}/{source}", async (string domain, string source, HttpContext context, IngestService ingest, LakeDiskStatus disk) =>
            {
                if (!QualifiedName.TryParse($"{domain}.{source}", out var name))
                    return Results.Problem(statusCode: 404, title: "Not found", detail: $"'{domain}.{source}' is not a valid source name.");
                var target = await ingest.AuthorizeAsync(name, context.Request.Headers["X-Api-Key"],
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown address", context.RequestAborted);
                if (context.Request.ContentLength > MaxBodyBytes)
                    return Results.Problem(statusCode: 413, title: "Too large", detail: $"A batch may hold at most {MaxBodyBytes / (1024 * 1024)} MiB; split it.");
                var body = await ReadBodyAsync(context.Request, context.RequestAborted);
                if (body is null)
                    return Results.Problem(statusCode: 413, title: "Too large", detail: $"A batch may hold at most {MaxBodyBytes / (1024 * 1024)} MiB; split it.");
                var key = context.Request.Headers[IdempotencyKeyHeader];
                var stored = await ingest.IngestAsync(target, body, key.Count > 0 ? key.ToString() : null, context.RequestAborted);
                disk.RecordWritten();
                if (stored.Replayed)
                    context.Response.Headers[ReplayedHeader] = "true";
                return Results.Ok(new IngestResponse(stored.Accepted, stored.Replayed));
            })
            .AllowAnonymous()
            .WithName("Ingest")
            .WithSummary("Append events (NDJSON or a JSON array) to an HTTP source. Durable once answered.");
    }

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
