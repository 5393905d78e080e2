using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Lineage;

public sealed record InventoryProduct(
    QualifiedName Name, string Title, ProductStatus Status, IReadOnlyList<ColumnSchema> Columns, DateTime? LastUpdatedAt, string? Owner);
