using MeshStudio.Catalog.Domains;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Sources;
using MeshStudio.Core.Access;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Web.Ingestion;

/// <summary>Accepts events for an HTTP source: checks the domain key, validates the batch, stores it durably.</summary>
public sealed class IngestService(DomainService domains, SourceService sources, IEventStore store)
{
    public async Task<int> IngestAsync(QualifiedName sourceName, string? apiKey, string body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || !await domains.VerifyApiKeyAsync(sourceName.Domain, apiKey, cancellationToken))
            throw new AccessDeniedException($"The X-Api-Key header must carry the {sourceName.Domain} domain's ingestion key.");
        var source = await sources.FindAsync(sourceName, cancellationToken);
        if (source is null || source.Kind != SourceKind.Http)
            throw new KeyNotFoundException($"There is no HTTP source {sourceName}. Deploy one with CREATE SOURCE {sourceName} (…) WITH (ingest = 'http').");

        var batch = EventBatchParser.Parse(body, source.Columns);
        if (!batch.Accepted)
            throw new IngestRejectedException(batch.Errors);
        await store.AppendAsync(sourceName, batch.Events, cancellationToken);
        return batch.Events.Count;
    }
}

/// <summary>The batch had bad events; none of it was stored.</summary>
public sealed class IngestRejectedException(IReadOnlyList<string> errors)
    : Exception("The batch was refused and nothing was stored: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
