using MeshStudio.Core.Products;

namespace MeshStudio.Application.Products;

public sealed record ProductSummary(
    QualifiedName Name,
    string Title,
    ProductStatus Status,
    IReadOnlyList<ColumnSchema> Columns,
    long RowCount,
    DateTime? LastUpdatedAt);
