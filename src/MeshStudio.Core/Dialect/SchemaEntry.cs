using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary>A relation the user may read, as the editor knows it.</summary>
/// <param name="Kind"><c>source</c> or <c>product</c>.</param>
public sealed record SchemaEntry(QualifiedName Name, string Kind, IReadOnlyList<ColumnSchema> Columns, string? Description = null);
