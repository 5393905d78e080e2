namespace MeshStudio.Core.Dialect;

/// <summary>Any other statement: a read-only query (preview) passed to DuckDB as written.</summary>
public sealed record QueryStatement(string Sql) : MeshStatement;
