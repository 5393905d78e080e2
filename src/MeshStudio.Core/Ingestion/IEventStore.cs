using MeshStudio.Core.Products;

namespace MeshStudio.Core.Ingestion;

/// <summary>Durable storage of ingested events, one segment per accepted batch.</summary>
public interface IEventStore
{
    /// <summary>
    /// Appends already validated JSON objects (one per element, no newlines inside) to the source.
    /// Returns only once the batch is durable on disk; a batch is either fully stored or not at all.
    /// </summary>
    Task AppendAsync(QualifiedName source, IReadOnlyList<string> jsonObjects, CancellationToken cancellationToken);
}
