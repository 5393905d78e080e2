using MeshStudio.Core.Products;

namespace MeshStudio.Application.Search;

/// <summary>A published product as the search filters, facets, sorts and shows it; <paramref name="Description"/> is plain text.</summary>
public sealed record PublishedProduct(
    int Id,
    QualifiedName Name,
    string Title,
    string Description,
    IReadOnlyList<string> Tags,
    string Owner,
    IReadOnlyList<string> Columns,
    bool ContainsPersonalData,
    DateTime? LastUpdatedAt,
    DateTime? PublishedAt,
    long RowCount);
