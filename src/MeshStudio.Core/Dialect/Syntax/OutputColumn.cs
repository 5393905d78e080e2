namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>An output column of a query and the columns of read relations it is computed from.</summary>
/// <param name="Name">Its alias or column name; null for an unnamed expression.</param>
public sealed record OutputColumn(string? Name, IReadOnlyList<SourceColumn> Sources);
