namespace MeshStudio.Application.Search;

/// <summary>A marketplace search. Empty <paramref name="Text"/> lists every published product, newest first.</summary>
public sealed record ProductQuery(string? Text, string? Domain, string? Tag, int Page = 1, int PageSize = 20);
