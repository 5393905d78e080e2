namespace MeshStudio.Core.Semantics;

/// <summary>One row of the lookup the engine installs for <c>align</c>.</summary>
/// <param name="Type">The semantic type's name.</param>
/// <param name="Key">A synonym or canonical value, normalised with <see cref="SemanticMatcher.Normalize"/>.</param>
/// <param name="Canonical">The canonical value the key maps to.</param>
public sealed record SemanticMapping(string Type, string Key, string Canonical);
