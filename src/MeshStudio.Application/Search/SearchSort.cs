namespace MeshStudio.Application.Search;

/// <summary>The order of search results.</summary>
public enum SearchSort
{
    /// <summary>Best match first (names and titles weigh most); without search text, newest published first.</summary>
    Relevance,

    /// <summary>Most recently updated data first.</summary>
    Freshness,
}
