using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Versions;

namespace MeshStudio.Application.Products.Versions;

/// <summary>One version in a product's history.</summary>
/// <param name="Version">e.g. <c>1.1.0</c>.</param>
/// <param name="Product">The SQL name its data is read under (<c>domain.name</c> for major 1, <c>domain.name_vN</c> after).</param>
/// <param name="Bump"><c>initial</c>, <c>minor</c> or <c>major</c>.</param>
/// <param name="Changes">The schema diff from the version before.</param>
/// <param name="Snapshots">The kept snapshots committed while this version was current, newest first; empty when the user may not read the data.</param>
public sealed record VersionView(
    string Version,
    QualifiedName Product,
    DateTime CreatedAt,
    string CreatedBy,
    string Bump,
    IReadOnlyList<SchemaDifference> Changes,
    IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyList<string> KeyColumns,
    IReadOnlyList<VersionSnapshot> Snapshots);
