using MeshStudio.Catalog.Model;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Governance;

/// <param name="CanApprove">The review is open and no blocking check failed.</param>
public sealed record ReviewSummary(
    int Id,
    QualifiedName Product,
    string Title,
    ReviewStatus Status,
    bool CanApprove,
    DateTime OpenedAt,
    string OpenedBy);
