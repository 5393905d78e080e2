namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>CAST(x AS type)</c>, <c>x::type</c>, or a typed literal such as <c>INTERVAL '5 minutes'</c>.</summary>
public sealed record CastExpression(int Offset, string? Alias, SqlExpression Operand, string Type) : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => [Operand];
}
