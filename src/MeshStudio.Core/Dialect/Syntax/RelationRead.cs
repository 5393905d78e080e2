namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>How a query reads a relation.</summary>
public enum RelationReadKind
{
    /// <summary>In FROM or a join.</summary>
    Table,

    /// <summary>With <c>JOIN LATEST</c>: the latest row per key.</summary>
    Latest,

    /// <summary>As the source of <c>TUMBLE</c>, <c>HOP</c> or <c>SESSION</c>.</summary>
    WindowSource,

    /// <summary>As an earlier snapshot, <c>SNAPSHOT(product, …)</c>.</summary>
    Snapshot,
}

/// <summary>A relation a query reads, as written (<c>domain.name</c>; quoted parts unquoted), and where.</summary>
public sealed record RelationRead(string Name, string? Alias, int Offset, RelationReadKind Kind);
