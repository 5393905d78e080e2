using MeshStudio.Core.Products;

namespace MeshStudio.Application.Semantics;

/// <summary>A declared column whose name is a semantic type's name, so its values should align to that type.</summary>
/// <param name="Source">The source declaring the column.</param>
/// <param name="Column">The column.</param>
/// <param name="ShowsValues">
/// True when the person scanning may see the column's values as they are: they may read the source and the column is
/// not personal data. Otherwise they see counts and masked examples only.
/// </param>
public sealed record SemanticColumn(QualifiedName Source, string Column, bool ShowsValues);
