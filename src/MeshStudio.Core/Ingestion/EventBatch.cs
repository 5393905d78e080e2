using MeshStudio.Core.Products;

namespace MeshStudio.Core.Ingestion;

/// <summary>The outcome of reading one ingest request: the events to store, or why the batch is refused.</summary>
/// <param name="Events">Accepted events as compact one-line JSON objects, with timestamps normalised.</param>
/// <param name="Errors">One message per bad line ("line 3: …"); when not empty nothing is stored.</param>
/// <param name="Drift">
/// Only when read with drift (<see cref="EventBatchParser.ParseWithDrift"/>) and accepted: the fields the source has no
/// column for, with the type their values need, and the widenable columns whose values need a wider type, in the
/// order first seen. Empty when the batch fits the source's columns.
/// </param>
public sealed record EventBatch(IReadOnlyList<string> Events, IReadOnlyList<string> Errors, IReadOnlyList<ColumnSchema>? Drift = null)
{
    public bool Accepted => Errors.Count == 0;

    /// <summary>True when the batch needs columns added or widened before it is stored.</summary>
    public bool ChangesSchema => Drift is { Count: > 0 };
}
