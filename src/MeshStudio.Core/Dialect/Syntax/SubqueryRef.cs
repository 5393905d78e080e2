namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>(query) [AS] alias</c> in FROM (also <c>VALUES</c> lists).</summary>
public sealed record SubqueryRef(int Offset, string? Alias, QueryNode Query) : TableRef(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => [Query];
}
