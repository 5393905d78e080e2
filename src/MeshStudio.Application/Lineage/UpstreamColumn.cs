using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>A column an output column is computed from, directly (<see cref="Hops"/> 1) or through upstream jobs.</summary>
/// <param name="Node">The id of its source or product in the graph.</param>
/// <param name="Masked">Every path from it to the output goes through a masking function (a hash, a count).</param>
/// <param name="Pii">Its own personal-data flag (declared, or detected in its name or values).</param>
public sealed record UpstreamColumn(string Node, QualifiedName Relation, string Column, int Hops, bool Masked, PiiKind? Pii);
