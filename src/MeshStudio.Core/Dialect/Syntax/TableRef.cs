namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>Something in FROM: a relation, a join, a subquery, a table function.</summary>
public abstract record TableRef(int Offset, string? Alias) : SyntaxNode(Offset);
