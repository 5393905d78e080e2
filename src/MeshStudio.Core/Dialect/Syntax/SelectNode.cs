namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>One <c>SELECT … FROM … WHERE … GROUP BY … HAVING … QUALIFY</c> block.</summary>
/// <param name="From">Null for a SELECT without FROM.</param>
/// <param name="GroupByAll"><c>GROUP BY ALL</c> (then <paramref name="GroupBy"/> is empty).</param>
/// <param name="Sampled"><c>USING SAMPLE</c> or <c>TABLESAMPLE</c>.</param>
public sealed record SelectNode(
    int Offset,
    IReadOnlyList<SqlExpression> Columns,
    TableRef? From,
    SqlExpression? Where,
    IReadOnlyList<SqlExpression> GroupBy,
    bool GroupByAll,
    SqlExpression? Having,
    SqlExpression? Qualify,
    bool Sampled) : QueryNode(Offset)
{
    public override IEnumerable<SyntaxNode> Children =>
        CommonChildren(new SyntaxNode?[] { From }.Concat(Columns).Concat([Where]).Concat(GroupBy).Concat([Having, Qualify]).OfType<SyntaxNode>());
}
