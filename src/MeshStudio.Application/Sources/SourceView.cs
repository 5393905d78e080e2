using MeshStudio.Catalog.Model;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Sources;

/// <param name="Path">For file sources: the glob under the domain inbox.</param>
/// <param name="SchemaInferred">True when the columns were inferred from the source's first file.</param>
public sealed record SourceView(QualifiedName Name, SourceKind Kind, string Format, IReadOnlyList<ColumnSchema> Columns,
    string? Path = null, bool SchemaInferred = false);
