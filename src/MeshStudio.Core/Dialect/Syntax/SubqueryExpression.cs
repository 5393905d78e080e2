namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A subquery in an expression: <c>(SELECT …)</c>, <c>EXISTS (…)</c>, <c>x IN (SELECT …)</c>.</summary>
/// <param name="Operand">The left side of <c>IN</c>/<c>ANY</c>, or null.</param>
public sealed record SubqueryExpression(int Offset, string? Alias, QueryNode Query, SqlExpression? Operand) : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => Operand is null ? [Query] : [Operand, Query];
}
