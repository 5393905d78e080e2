namespace MeshStudio.Engine.Products;

/// <summary>What the footers and folder names of a snapshot say: its size, layout and columns.</summary>
/// <param name="Partitions">The Hive partition columns (from the folder names, not in the files), in folder order.</param>
public sealed record SnapshotFooters(long RowCount, int Files, int RowGroups, IReadOnlyList<ColumnStatistics> Columns, IReadOnlyList<PartitionColumn> Partitions);
