namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>left [type] JOIN right ON condition</c> (also comma and CROSS joins).</summary>
/// <param name="Kind">The parser's join type, e.g. <c>INNER</c>, <c>LEFT</c>, <c>CROSS</c>, <c>ASOF</c>.</param>
public sealed record JoinRef(int Offset, TableRef Left, TableRef Right, string Kind, SqlExpression? Condition) : TableRef(Offset, null)
{
    public override IEnumerable<SyntaxNode> Children => Condition is null ? [Left, Right] : [Left, Right, Condition];
}
