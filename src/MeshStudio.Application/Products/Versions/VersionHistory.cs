using MeshStudio.Core.Products;

namespace MeshStudio.Application.Products.Versions;

/// <summary>A product's versions across its majors, oldest first (<c>GET /api/products/{domain}/{name}/versions</c>).</summary>
/// <param name="Current">The newest version of the product asked for.</param>
/// <param name="CanSetDeprecation">The user may set the deprecation date of an old major (its owner or a domain owner).</param>
public sealed record VersionHistory(
    QualifiedName Product, string Current, IReadOnlyList<VersionView> Versions, IReadOnlyList<MajorVersionView> Majors, bool CanSetDeprecation);
