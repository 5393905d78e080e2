namespace MeshStudio.Application.Lineage;

/// <summary>Data flows from <see cref="From"/> to <see cref="To"/> (node ids); through things the user may not see when it skips them.</summary>
public sealed record LineageEdge(string From, string To);
