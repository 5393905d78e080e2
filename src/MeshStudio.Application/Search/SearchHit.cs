using MeshStudio.Core.Products;

namespace MeshStudio.Application.Search;

/// <summary>One product in the search results. <paramref name="Snippet"/> is plain text (no markup).</summary>
public sealed record SearchHit(
    QualifiedName Name,
    string Title,
    string Snippet,
    IReadOnlyList<string> Tags,
    string OwnerDisplayName,
    DateTime? LastUpdatedAt,
    long RowCount);
