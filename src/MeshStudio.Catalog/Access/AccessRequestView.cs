using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Access;

public sealed record AccessRequestView(
    int Id,
    QualifiedName Product,
    string RequesterUserId,
    string RequesterUserName,
    string RequesterDisplayName,
    string Purpose,
    AccessRequestStatus Status,
    DateTime RequestedAt,
    DateTime? ExpiresAt,
    string? DecisionComment);
