using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Tests;

/// <summary>Schema and row count of a Parquet file.</summary>
public sealed record ParquetFileInfo(IReadOnlyList<ColumnSchema> Columns, long RowCount);
