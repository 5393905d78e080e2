namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A literal. <see cref="Text"/> is its value as text (null for NULL); <see cref="Type"/> the parser's type, e.g. <c>VARCHAR</c>.</summary>
public sealed record ConstantExpression(int Offset, string? Alias, string Type, string? Text) : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
