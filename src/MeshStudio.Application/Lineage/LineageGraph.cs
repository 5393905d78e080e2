namespace MeshStudio.Application.Lineage;

/// <summary>Nodes ordered by depth, then domain and name (a stable layout), and the edges between them.</summary>
public sealed record LineageGraph(IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges);
