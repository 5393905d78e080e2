namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A column, <c>col</c>, <c>alias.col</c> or <c>domain.relation.col</c>; quoted names are unquoted.</summary>
public sealed record ColumnExpression(int Offset, string? Alias, IReadOnlyList<string> Names) : SqlExpression(Offset, Alias)
{
    public string Column => Names[^1];

    /// <summary>The relation or alias the column is qualified with, or null.</summary>
    public string? Qualifier => Names.Count > 1 ? string.Join('.', Names.Take(Names.Count - 1)) : null;

    public override IEnumerable<SyntaxNode> Children => [];
}
