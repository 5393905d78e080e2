using MeshStudio.Core.Products.Trust;

namespace MeshStudio.Application.Search;

/// <summary>
/// A marketplace search. Empty <paramref name="Text"/> lists every published product (newest first under
/// <see cref="SearchSort.Relevance"/>). <paramref name="Classification"/> is one of <see cref="SearchClassification"/>'s values.
/// </summary>
public sealed record ProductQuery(
    string? Text,
    string? Domain,
    string? Tag,
    int Page = 1,
    int PageSize = 20,
    string? Owner = null,
    string? Classification = null,
    SearchSort Sort = SearchSort.Relevance,
    TrustStatus? Trust = null);
