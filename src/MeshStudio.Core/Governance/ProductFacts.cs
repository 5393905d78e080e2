using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance;

/// <summary>What the automated review checks look at.</summary>
public sealed record ProductFacts(
    QualifiedName Name,
    string? OwnerUserName,
    string Description,
    IReadOnlyList<ColumnSchema> Columns,
    bool HasData);
