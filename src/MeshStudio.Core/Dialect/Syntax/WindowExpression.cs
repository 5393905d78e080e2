namespace MeshStudio.Core.Dialect.Syntax;

/// <summary><c>fn(…) OVER (PARTITION BY … ORDER BY …)</c>; <see cref="Name"/> is lower case.</summary>
public sealed record WindowExpression(
    int Offset,
    string? Alias,
    string Name,
    IReadOnlyList<SqlExpression> Arguments,
    IReadOnlyList<SqlExpression> PartitionBy,
    IReadOnlyList<SqlExpression> OrderBy,
    IReadOnlyList<SqlExpression> Other) : SqlExpression(Offset, Alias)
{
    public override IEnumerable<SyntaxNode> Children => Arguments.Concat(PartitionBy).Concat(OrderBy).Concat(Other);
}
