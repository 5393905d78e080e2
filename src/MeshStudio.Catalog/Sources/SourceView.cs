using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Sources;

public sealed record SourceView(QualifiedName Name, SourceKind Kind, string Format, IReadOnlyList<ColumnSchema> Columns);
