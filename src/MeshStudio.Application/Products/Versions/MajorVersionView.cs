using MeshStudio.Core.Products;

namespace MeshStudio.Application.Products.Versions;

/// <summary>A major version: the product its data is in, until when it is kept, and who uses it (for the domain's members).</summary>
/// <param name="DeprecatedAfter">Set by the owner for a major a newer one replaces.</param>
/// <param name="Consumers">Grant holders and reading jobs; null when the user may not see them.</param>
public sealed record MajorVersionView(
    int Major, QualifiedName Product, ProductStatus Status, string Latest, DateTime? DeprecatedAfter, bool Deprecated, ConsumerList? Consumers);
