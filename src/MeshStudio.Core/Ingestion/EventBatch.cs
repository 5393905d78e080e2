namespace MeshStudio.Core.Ingestion;

/// <summary>The outcome of reading one ingest request: the events to store, or why the batch is refused.</summary>
/// <param name="Events">Accepted events as compact one-line JSON objects, with timestamps normalised.</param>
/// <param name="Errors">One message per bad line ("line 3: …"); when not empty nothing is stored.</param>
public sealed record EventBatch(IReadOnlyList<string> Events, IReadOnlyList<string> Errors)
{
    public bool Accepted => Errors.Count == 0;
}
