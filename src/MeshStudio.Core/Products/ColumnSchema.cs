namespace MeshStudio.Core.Products;

/// <summary>One column of a source or product.</summary>
/// <param name="Name">Column name as DuckDB reports it.</param>
/// <param name="Type">DuckDB logical type name, e.g. <c>VARCHAR</c>, <c>DOUBLE</c>, <c>TIMESTAMP</c>.</param>
/// <param name="Description">Optional human description.</param>
/// <param name="Pii">Personal-data kind when the column was flagged, otherwise null.</param>
public sealed record ColumnSchema(string Name, string Type, string? Description = null, PiiKind? Pii = null);
