using MeshStudio.Core.Semantics;

namespace MeshStudio.Core.Execution;

/// <summary>Everything one sandboxed session may touch. Nothing outside it is reachable from SQL.</summary>
/// <param name="Relations">The relations the caller may read.</param>
/// <param name="Denied">Relations that exist but the caller may not read, so errors can say why.</param>
/// <param name="Semantics">The governed semantic types' lookup rows behind <c>align(expr, 'type')</c>.</param>
public sealed record SessionGrant(
    IReadOnlyList<ReadableRelation> Relations,
    IReadOnlyList<DeniedRelation>? Denied = null,
    IReadOnlyList<SemanticMapping>? Semantics = null)
{
    public static SessionGrant Empty { get; } = new([]);

    /// <summary>Whose share of the query sessions the session counts against.</summary>
    public QueryCaller Caller { get; init; } = QueryCaller.Unattributed;
}

/// <summary>A relation the caller may not read, with the reason shown to them.</summary>
public sealed record DeniedRelation(Products.QualifiedName Name, string Reason);
