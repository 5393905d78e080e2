using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>
/// A table a session may read, exposed to user SQL as the view <c>domain.name</c>.
/// Users name relations, never paths: the engine resolves locations from the lake layout.
/// </summary>
/// <param name="Name">The <c>domain.name</c> the SQL uses.</param>
/// <param name="Kind">How the data is stored.</param>
/// <param name="Columns">Declared columns (required for ingested sources; null means infer).</param>
/// <param name="Location">
/// For <see cref="RelationKind.Product"/>: the snapshot folder relative to the lake root (null: no data yet).
/// For <see cref="RelationKind.Quarantine"/>: the run's quarantine folder relative to the lake root.
/// Unused for <see cref="RelationKind.IngestedSource"/>.
/// </param>
/// <param name="Format">For file sources: <c>json</c>, <c>csv</c> or <c>parquet</c>.</param>
/// <param name="Filter">
/// A SQL predicate over the relation's columns applied inside its view: only rows for which it is true are
/// visible under <paramref name="Name"/> (DROP expectations of a job). Null: every row.
/// </param>
/// <param name="Range">
/// For <see cref="RelationKind.IngestedSource"/>: only the events in this range (a job run). New events since a
/// checkpoint are loaded into the session once, so that expectations, counters and the SELECT read them without
/// parsing again. Null: every event.
/// </param>
/// <param name="SnapshotOf">
/// For <see cref="RelationKind.Product"/> under a generated name (time travel, <c>SNAPSHOT(p, …)</c>): the product whose
/// earlier snapshot <paramref name="Location"/> is; the location must be one of its snapshots. Null: <paramref name="Name"/> itself.
/// </param>
public sealed record ReadableRelation(
    QualifiedName Name,
    RelationKind Kind,
    IReadOnlyList<ColumnSchema>? Columns = null,
    string? Location = null,
    string? Format = null,
    string? Filter = null,
    SegmentRange? Range = null,
    QualifiedName? SnapshotOf = null)
{
    /// <summary>
    /// For <see cref="RelationKind.IngestedSource"/> read by a job: each row's arrival position is kept so late events
    /// can be judged by <see cref="LatenessRule"/> (see the engine's relation views). Null: no watermark.
    /// </summary>
    public LatenessRule? Lateness { get; init; }
}
