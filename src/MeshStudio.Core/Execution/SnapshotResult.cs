using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>A new product snapshot written to the lake.</summary>
/// <param name="Location">The snapshot folder relative to the lake root.</param>
public sealed record SnapshotResult(string Location, long RowCount, IReadOnlyList<ColumnSchema> Columns);
