using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Semantics;

/// <summary>A declared column whose name is a semantic type's name, so its values should align to that type.</summary>
public sealed record SemanticColumn(QualifiedName Source, string Column);
