namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>Any other expression (comparison, AND/OR, CASE, BETWEEN, IS NULL, …) with its operands in written order.</summary>
/// <param name="Kind">The parser's type, e.g. <c>COMPARE_EQUAL</c>, <c>CONJUNCTION_AND</c>, <c>CASE_EXPR</c>.</param>
public sealed record OperatorExpression(int Offset, string? Alias, string Kind, IReadOnlyList<SyntaxNode> Operands) : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => Operands;
}
