using MeshStudio.Catalog.Domains;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Sources;
using MeshStudio.Core.Access;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Web.Ingestion;

/// <summary>
/// Accepts events for an HTTP source: checks the domain key (before the body is read), validates the batch, stores it durably. The schema
/// follows the data: the first batch of a source declared without columns infers them, later fields are added
/// and inferred columns widen (see <see cref="SourceService.ApplyHttpDriftAsync"/>) before the batch is stored.
/// </summary>
public sealed class IngestService(DomainService domains, SourceService sources, IEventStore store, IngestKeyRefusals refusals)
{
    /// <summary>Schema changes are applied and the batch read again at most this often (each round only widens).</summary>
    private const int MaxSchemaRounds = 3;

    /// <summary>
    /// Checks the domain key and finds the HTTP source, before the body is read: a stranger's batch costs no more
    /// than its headers. A refusal is audited (<see cref="IngestKeyRefusals"/>) for <paramref name="client"/> (its address).
    /// </summary>
    public async Task<Source> AuthorizeAsync(QualifiedName sourceName, string? apiKey, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (string.IsNullOrEmpty(apiKey) || !await domains.VerifyApiKeyAsync(sourceName.Domain, apiKey, cancellationToken))
        {
            // Recorded even when the caller has gone: the refusal happened.
            await refusals.RecordAsync(client, sourceName, CancellationToken.None);
            throw new AccessDeniedException($"The X-Api-Key header must carry the {sourceName.Domain} domain's ingestion key.");
        }
        var source = await sources.FindAsync(sourceName, cancellationToken);
        if (source is null || source.Kind != SourceKind.Http)
            throw new KeyNotFoundException($"There is no HTTP source {sourceName}. Deploy one with CREATE SOURCE {sourceName} (…) WITH (ingest = 'http').");
        return source;
    }

    /// <summary>
    /// Validates and stores a batch for a source <see cref="AuthorizeAsync"/> returned. With an idempotency key the
    /// batch is stored at most once while the key is remembered: a retry answers the first call's count (replayed).
    /// </summary>
    public async Task<StoredBatch> IngestAsync(Source source, string body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(body);
        var sourceName = new QualifiedName(source.Domain!.Name, source.Name);
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
        if (key is not null)
            return await store.AppendOnceAsync(sourceName, batch.Events, key, cancellationToken);
        await store.AppendAsync(sourceName, batch.Events, cancellationToken);
        return new StoredBatch(batch.Events.Count, Replayed: false);
    }
}

/// <summary>The batch had bad events; none of it was stored.</summary>
public sealed class IngestRejectedException(IReadOnlyList<string> errors)
    : Exception("The batch was refused and nothing was stored: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
