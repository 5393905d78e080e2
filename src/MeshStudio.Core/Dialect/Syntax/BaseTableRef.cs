namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A named relation, <c>domain.name</c> or a CTE's name; quoted names are unquoted, unquoted ones as written.</summary>
/// <param name="Schema">The part before the dot (a domain), or null.</param>
public sealed record BaseTableRef(int Offset, string? Alias, string? Schema, string Name) : TableRef(Offset, Alias)
{
    /// <summary>Joined with <c>JOIN LATEST</c>: the latest row per key (an extension of the dialect).</summary>
    public bool Latest { get; init; }

    /// <summary><c>schema.name</c>, or the name alone.</summary>
    public string FullName => Schema is null ? Name : $"{Schema}.{Name}";

    public override IEnumerable<SyntaxNode> Children => [];
}
