using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>How a job run turns its SELECT's result into the product's next snapshot.</summary>
public enum SnapshotMode
{
    /// <summary>The result is the whole product (a first run, a backfill or a job that cannot run incrementally).</summary>
    Replace,

    /// <summary>The result's rows are added to the previous snapshot's rows.</summary>
    Append,

    /// <summary>The result's rows replace the previous snapshot's rows with the same key; other rows stay.</summary>
    Upsert,

    /// <summary>The result's aggregates are combined with the previous snapshot's, group by group.</summary>
    Merge,
}

/// <summary>How one output column of a <see cref="SnapshotMode.Merge"/> combines old and new values.</summary>
public enum MergeFunction
{
    /// <summary>A grouping column: rows with equal grouping columns are combined.</summary>
    Group,
    Sum,
    Min,
    Max,
    AnyValue,
}

/// <summary>The mode of a run and what it needs: the previous snapshot and, for a merge, each output column's function.</summary>
/// <param name="PreviousLocation">The product's current snapshot (null: none, so the run's result is the product).</param>
/// <param name="MergeColumns">For <see cref="SnapshotMode.Merge"/>: one function per output column, in order.</param>
public sealed record SnapshotPlan(SnapshotMode Mode, string? PreviousLocation = null, IReadOnlyList<MergeFunction>? MergeColumns = null)
{
    public static SnapshotPlan Replace { get; } = new(SnapshotMode.Replace);
}

/// <summary>An input whose new rows a run counts (and whose newest event time it reports, for watermarks).</summary>
public sealed record InputProbe(QualifiedName Relation, string? EventTimeColumn);

/// <summary>What a run read from one input.</summary>
public sealed record InputStats(QualifiedName Relation, long Rows, DateTime? MaxEventTime);

/// <summary>Everything a product writer needs for one run.</summary>
public sealed record SnapshotRequest(
    SessionGrant Grant,
    string SelectSql,
    IReadOnlyList<string> KeyColumns,
    QualifiedName Product,
    IReadOnlyList<ExpectationCheck> Expectations,
    SnapshotPlan Plan,
    IReadOnlyList<InputProbe> Probes)
{
    /// <summary>Hive partition columns (<c>col=value/</c> folders); empty: one folder.</summary>
    public IReadOnlyList<string> PartitionBy { get; init; } = [];
}
