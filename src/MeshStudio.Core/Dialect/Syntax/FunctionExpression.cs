namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// A function call or an operator the parser writes as one (<c>a * 2</c> is <c>*</c> with two arguments);
/// <c>count(*)</c> is <c>count</c> without arguments. <see cref="Name"/> is lower case.
/// </summary>
/// <param name="Filter">The <c>FILTER (WHERE …)</c> of an aggregate.</param>
/// <param name="OrderBy">The <c>ORDER BY</c> inside an aggregate's parentheses.</param>
public sealed record FunctionExpression(
    int Offset,
    string? Alias,
    string Name,
    IReadOnlyList<SqlExpression> Arguments,
    bool Distinct,
    SqlExpression? Filter,
    IReadOnlyList<SqlExpression> OrderBy,
    bool IsOperator) : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children =>
        Arguments.Concat(Filter is null ? [] : [Filter]).Concat(OrderBy);
}
