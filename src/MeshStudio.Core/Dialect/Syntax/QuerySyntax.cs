using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// A parsed query: its tree, or the syntax error (positioned in <see cref="Sql"/>), or neither for a statement that
/// parses but has no tree (EXPLAIN, PIVOT): then nothing can be said about it.
/// </summary>
public sealed record QuerySyntax(string Sql, QueryNode? Query, SqlError? Error)
{
    public bool Succeeded => Query is not null;
}
