namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>JOIN LATEST rel [AS] alias ON …</c> as written, for the rewrite that replaces <c>LATEST rel</c>.</summary>
/// <param name="Offset">The offset of <c>LATEST</c>.</param>
/// <param name="Relation">The relation's name as written, or <c>(</c> of a subquery.</param>
/// <param name="IsSubquery">A subquery follows <c>LATEST</c> (not supported).</param>
/// <param name="Alias">The alias as written (unquoted), or null.</param>
/// <param name="After">The offset of what follows the relation and its alias (<c>ON</c> when well formed), or the text's length.</param>
/// <param name="HasOn">What follows is <c>ON</c>.</param>
public sealed record LatestJoinSite(int Offset, TextSpan Relation, bool IsSubquery, string? Alias, int After, bool HasOn);
