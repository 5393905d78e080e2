namespace MeshStudio.Core.Semantics;

/// <summary>One canonical value of a <see cref="SemanticType"/> and the other spellings that mean it.</summary>
/// <param name="Canonical">The value <c>align</c> returns, e.g. <c>US</c>.</param>
/// <param name="Synonyms">Spellings that map to it, e.g. <c>U.S.A.</c>, <c>United States</c>.</param>
public sealed record SemanticValue(string Canonical, IReadOnlyList<string> Synonyms);
