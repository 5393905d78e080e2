using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>A source, job or product of the mesh before visibility is applied (<see cref="MeshModel"/>).</summary>
/// <param name="ProductStatus">For products: what decides who may see it.</param>
internal sealed record MeshElement(
    string Id,
    LineageNodeKind Kind,
    QualifiedName Name,
    string Title,
    string? Owner,
    string Status,
    DateTime? UpdatedAt,
    ProductStatus? ProductStatus,
    IReadOnlyList<ColumnSchema> Columns)
{
    public static string IdOf(LineageNodeKind kind, QualifiedName name) => $"{kind.ToString().ToLowerInvariant()}:{name}";

    public LineageNode ToNode(int depth, bool hasHiddenInputs) => new(Id, Kind, Name, Title, Owner, Status, UpdatedAt, depth, hasHiddenInputs);
}
