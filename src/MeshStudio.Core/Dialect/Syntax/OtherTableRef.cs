namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A FROM item the tree does not model (PIVOT, DESCRIBE, …), with the nodes found inside it.</summary>
/// <param name="Kind">The parser's name for it, e.g. <c>PIVOT</c>, <c>SHOW_REF</c>.</param>
public sealed record OtherTableRef(int Offset, string? Alias, string Kind, IReadOnlyList<SyntaxNode> Inner) : TableRef(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => Inner;
}
