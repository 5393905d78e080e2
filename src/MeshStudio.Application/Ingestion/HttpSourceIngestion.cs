using System.Text;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Lake;
using MeshStudio.Application.Sources;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Core.Telemetry;

namespace MeshStudio.Application.Ingestion;

/// <summary>
/// Accepts events for an HTTP source: checks the caller's domain key (before the body is read), validates the batch,
/// stores it durably. The schema follows the data: the first batch of a source declared without columns infers them,
/// later fields are added and inferred columns widen (see <see cref="SourceService.ApplyHttpDriftAsync"/>) before
/// the batch is stored.
/// </summary>
public sealed class HttpSourceIngestion(DomainService domains, SourceService sources, IEventStore store, IngestKeyRefusals refusals, LakeDiskStatus disk)
{
    /// <summary>Schema changes are applied and the batch read again at most this often (each round only widens).</summary>
    private const int MaxSchemaRounds = 3;

    /// <summary>
    /// Checks the caller's domain key and finds the HTTP source, before the body is read: a stranger's batch costs no
    /// more than its headers. A refusal is audited (<see cref="IngestKeyRefusals"/>) under the caller's actor name.
    /// </summary>
    public async Task<HttpIngestTarget> AuthorizeAsync(IngestCaller caller, QualifiedName sourceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (string.IsNullOrEmpty(caller.ApiKey) || !await domains.VerifyApiKeyAsync(sourceName.Domain, caller.ApiKey, cancellationToken))
        {
            // Recorded even when the caller has gone: the refusal happened.
            await refusals.RecordAsync(caller.Actor, sourceName, CancellationToken.None);
            throw new AccessDeniedException($"The X-Api-Key header must carry the {sourceName.Domain} domain's ingestion key.");
        }
        var source = await sources.FindAsync(sourceName, cancellationToken);
        if (source is null || source.Kind != SourceKind.Http)
            throw new KeyNotFoundException($"There is no HTTP source {sourceName}. Deploy one with CREATE SOURCE {sourceName} (…) WITH (ingest = 'http').");
        return new HttpIngestTarget(sourceName, source);
    }

    /// <summary>
    /// Validates and stores a batch for a source <see cref="AuthorizeAsync"/> returned. With an idempotency key the
    /// batch is stored at most once while the key is remembered: a retry answers the first call's count (replayed).
    /// </summary>
    public Task<StoredBatch> IngestAsync(HttpIngestTarget target, string body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        return disk.WriteAsync(() => StoreAsync(target, body, idempotencyKey, cancellationToken));
    }

    private async Task<StoredBatch> StoreAsync(HttpIngestTarget target, string body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var sourceName = target.Name;
        var source = target.Source;
        BatchKey? key = null;
        if (idempotencyKey is not null)
        {
            if (!BatchKey.IsValid(idempotencyKey))
                throw new RuleViolationException($"The Idempotency-Key header must be 1 to {BatchKey.MaxLength} visible ASCII characters (e.g. a UUID).");
            key = BatchKey.Of(idempotencyKey, body);
            // A retry is answered before the batch is read again (the source's schema may have moved on since).
            if (await store.FindAsync(sourceName, key, cancellationToken) is { } earlier)
                return earlier;
        }

        // One pass over the events; only a batch that changes the schema is read again, against the new columns,
        // so its new fields are checked and normalised like any other (the steady state reads each event once).
        var batch = EventBatchParser.ParseWithDrift(body, source.Columns, SourceService.WidenableColumns(source));
        for (var round = 0; batch.Accepted && batch.ChangesSchema; round++)
        {
            if (round == MaxSchemaRounds)
                throw new IngestRejectedException(["The source's schema kept changing while the batch was read; send it again."]);
            source = await sources.ApplyHttpDriftAsync(sourceName, batch.Drift!, cancellationToken);
            batch = EventBatchParser.ParseWithDrift(body, source.Columns, SourceService.WidenableColumns(source));
        }
        if (!batch.Accepted)
            throw new IngestRejectedException(batch.Errors);
        StoredBatch stored;
        if (key is not null)
        {
            stored = await store.AppendOnceAsync(sourceName, batch.Events, key, cancellationToken);
        }
        else
        {
            await store.AppendAsync(sourceName, batch.Events, cancellationToken);
            stored = new StoredBatch(batch.Events.Count, Replayed: false);
        }
        if (!stored.Replayed)
            MeshTelemetry.RecordIngest(sourceName.ToString(), "http", stored.Accepted, Encoding.UTF8.GetByteCount(body));
        return stored;
    }
}
