using MeshStudio.Core.Dialect;

namespace MeshStudio.Core.Products.Contracts;

/// <summary>What the catalog and the product's job know about a product, from which its contract is generated.</summary>
/// <param name="Expectations">The expectations of the job that writes the product (none without a job).</param>
/// <param name="RunInterval">How often the job runs; null when it runs on demand.</param>
public sealed record ProductFacts(
    QualifiedName Name,
    string Title,
    string Description,
    IReadOnlyList<string> Tags,
    ProductStatus Status,
    string? OwnerUserName,
    string? OwnerDisplayName,
    IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyList<string> KeyColumns,
    IReadOnlyList<Expectation> Expectations,
    TimeSpan? RunInterval);
