namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>WITH name AS (query)</c>.</summary>
public sealed record CommonTableExpression(string Name, QueryNode Query);
