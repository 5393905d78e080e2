namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>*</c>, <c>alias.*</c>, <c>* EXCLUDE (…)</c> or <c>COLUMNS(…)</c>.</summary>
/// <param name="Relation">The relation or alias before <c>.*</c>, or null.</param>
/// <param name="Excluded">The columns of <c>EXCLUDE (…)</c>.</param>
/// <param name="Pattern">For <c>COLUMNS(…)</c>: its argument (the tree does not expand it).</param>
public sealed record StarExpression(int Offset, string? Alias, string? Relation, IReadOnlyList<string> Excluded, SqlExpression? Pattern)
    : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => Pattern is null ? [] : [Pattern];
}
