namespace MeshStudio.Application.Search;

/// <summary>
/// One page of results. <paramref name="Total"/> counts every match; the facets count matches by domain
/// and by tag (each facet ignores its own filter, so the other choices stay visible).
/// </summary>
public sealed record SearchPage(
    IReadOnlyList<SearchHit> Items,
    int Total,
    IReadOnlyDictionary<string, int> DomainFacets,
    IReadOnlyDictionary<string, int> TagFacets);
