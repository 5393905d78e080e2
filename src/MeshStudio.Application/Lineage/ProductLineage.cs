using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>A product's lineage: the graph of what it is made from and what is made from it, and its columns' origins.</summary>
public sealed record ProductLineage(QualifiedName Product, LineageGraph Graph, IReadOnlyList<ColumnOrigins> Columns);
