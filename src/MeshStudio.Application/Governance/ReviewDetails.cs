using MeshStudio.Catalog.Model;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Governance;

/// <param name="CanApprove">The review is open and no blocking check failed.</param>
/// <param name="CanDecide">The viewing user is a steward and the review is open.</param>
public sealed record ReviewDetails(
    int Id,
    QualifiedName Product,
    string Title,
    ReviewStatus Status,
    bool CanApprove,
    DateTime OpenedAt,
    string OpenedBy,
    IReadOnlyList<CheckResult> Checks,
    string Description,
    IReadOnlyList<ColumnSchema> Columns,
    string? Comment,
    string? DecidedBy,
    DateTime? DecidedAt,
    bool CanDecide);
