namespace MeshStudio.Application.Search;

/// <summary>
/// One page of results. <paramref name="Total"/> counts every match; each facet counts the matches per value (domain,
/// tag, owner, classification, trust status) under the other filters, ignoring its own, so the other choices stay visible.
/// <paramref name="DidYouMean"/> is the search with unknown words corrected, when a word was unknown (the results
/// then include the corrected words' matches).
/// </summary>
public sealed record SearchPage(
    IReadOnlyList<SearchHit> Items,
    int Total,
    IReadOnlyDictionary<string, int> DomainFacets,
    IReadOnlyDictionary<string, int> TagFacets,
    IReadOnlyDictionary<string, int> OwnerFacets,
    IReadOnlyDictionary<string, int> ClassificationFacets,
    IReadOnlyDictionary<string, int> TrustFacets,
    string? DidYouMean)
{
    private static readonly IReadOnlyDictionary<string, int> NoFacets = new Dictionary<string, int>();

    public static SearchPage Empty { get; } = new([], 0, NoFacets, NoFacets, NoFacets, NoFacets, NoFacets, null);
}
