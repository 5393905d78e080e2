namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>left UNION | EXCEPT | INTERSECT [ALL] right</c>.</summary>
/// <param name="Operation">Upper case: <c>UNION</c>, <c>EXCEPT</c>, <c>INTERSECT</c>, <c>UNION_BY_NAME</c>.</param>
public sealed record SetOperationNode(int Offset, string Operation, QueryNode Left, QueryNode Right) : QueryNode(Offset)
{
    public override IEnumerable<SyntaxNode> Children => CommonChildren([Left, Right]);
}
