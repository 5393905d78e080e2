namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>Parses one read-only query of the dialect into a <see cref="QueryNode"/> tree (ADR 18).</summary>
public interface ISqlParser
{
    /// <summary>
    /// The tree of <paramref name="sql"/>, or the first syntax error positioned in <paramref name="sql"/>. The dialect's
    /// extensions inside a query (<c>JOIN LATEST</c>, <c>TUMBLE</c>/<c>HOP</c>/<c>SESSION</c>, <c>SNAPSHOT(…)</c>) parse.
    /// </summary>
    QuerySyntax Parse(string sql);
}
