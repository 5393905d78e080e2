using MeshStudio.Core.Products;

namespace MeshStudio.Application.Search;

/// <summary>
/// One product in the search results. <paramref name="Title"/> and <paramref name="Snippet"/> are plain text (no
/// markup); <paramref name="TitleMatches"/> and <paramref name="SnippetMatches"/> say where the searched words occur in
/// them, <paramref name="MatchedColumns"/> which columns they name.
/// </summary>
public sealed record SearchHit(
    QualifiedName Name,
    string Title,
    string Snippet,
    IReadOnlyList<string> Tags,
    string OwnerDisplayName,
    DateTime? LastUpdatedAt,
    long RowCount,
    bool ContainsPersonalData,
    IReadOnlyList<MatchRange> TitleMatches,
    IReadOnlyList<MatchRange> SnippetMatches,
    IReadOnlyList<string> MatchedColumns);
