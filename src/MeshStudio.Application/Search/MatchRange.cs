namespace MeshStudio.Application.Search;

/// <summary>A matched word in a result's text, by position: the client marks it, the text itself stays plain.</summary>
public sealed record MatchRange(int Start, int Length);
