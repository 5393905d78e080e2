namespace MeshStudio.Application.Products;

/// <summary>
/// The column profile of a product's current snapshot (ADR 27): per column rows, nulls, minimum, maximum and distinct
/// values, and the snapshot's files, row groups and Hive partition columns. No columns while it has no data.
/// </summary>
/// <param name="Columns">
/// Per column; <c>DistinctCount</c> is approximate (DuckDB's HyperLogLog) unless the footer
/// records it, and null when neither could count it.
/// </param>
public sealed record ProductStatistics(long RowCount, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The snapshot folder's name (<c>snap-…</c>) the profile describes; null without data.</summary>
    public string? Snapshot { get; init; }

    public int Files { get; init; }

    public int RowGroups { get; init; }

    public IReadOnlyList<PartitionProfile> Partitions { get; init; } = [];
}
