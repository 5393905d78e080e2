namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>An expression; <see cref="Alias"/> is its <c>AS name</c> in a select list.</summary>
public abstract record SqlExpression(int Offset, string? Alias) : SyntaxNode(Offset);
