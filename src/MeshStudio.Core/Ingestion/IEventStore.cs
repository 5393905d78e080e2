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

    /// <summary>
    /// As <see cref="AppendAsync"/>, at most once per key of the source: the key is stored with the batch (both or
    /// neither, also across a crash), and while it is remembered the same key answers the first call's count without
    /// storing anything (<see cref="StoredBatch.Replayed"/>). Throws <see cref="BatchKeyReusedException"/> for the same
    /// key with another body.
    /// </summary>
    Task<StoredBatch> AppendOnceAsync(QualifiedName source, IReadOnlyList<string> jsonObjects, BatchKey key, CancellationToken cancellationToken);

    /// <summary>The earlier answer for the key, or null when the key is not (or no longer) remembered.</summary>
    Task<StoredBatch?> FindAsync(QualifiedName source, BatchKey key, CancellationToken cancellationToken);
}
