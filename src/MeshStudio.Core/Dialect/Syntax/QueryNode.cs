namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A query: a SELECT or a set operation, with its WITH clause and its result modifiers.</summary>
public abstract record QueryNode(int Offset) : SyntaxNode(Offset)
{
    public IReadOnlyList<CommonTableExpression> Ctes { get; init; } = [];

    /// <summary><c>SELECT DISTINCT</c> or <c>DISTINCT ON</c>.</summary>
    public bool Distinct { get; init; }

    /// <summary><c>LIMIT</c> or <c>OFFSET</c>.</summary>
    public bool Limited { get; init; }

    public IReadOnlyList<SqlExpression> OrderBy { get; init; } = [];

    /// <summary>The children every query has: its CTEs' queries, then its ORDER BY expressions.</summary>
    protected IEnumerable<SyntaxNode> CommonChildren(IEnumerable<SyntaxNode> own) =>
        Ctes.Select(c => (SyntaxNode)c.Query).Concat(own).Concat(OrderBy);
}
