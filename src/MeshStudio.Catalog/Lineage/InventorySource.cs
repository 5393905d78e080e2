using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Lineage;

/// <param name="Kind"><c>http</c> or <c>file</c>.</param>
/// <param name="Owner">A domain owner's user name (sources have no owner of their own).</param>
public sealed record InventorySource(QualifiedName Name, string Kind, IReadOnlyList<ColumnSchema> Columns, string? Owner);
