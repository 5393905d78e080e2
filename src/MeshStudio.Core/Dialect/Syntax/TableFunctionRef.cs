namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A table function in FROM, e.g. <c>TUMBLE(sales.orders, ts, INTERVAL '1 minute')</c> or <c>range(10)</c>.</summary>
public sealed record TableFunctionRef(int Offset, string? Alias, FunctionExpression Call) : TableRef(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => [Call];
}
