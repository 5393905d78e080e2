using MeshStudio.Engine.Products;

namespace MeshStudio.Application.Products;

/// <summary>The column statistics of a product's current snapshot; no columns while it has no data.</summary>
public sealed record ProductStatistics(long RowCount, IReadOnlyList<ColumnStatistics> Columns);
