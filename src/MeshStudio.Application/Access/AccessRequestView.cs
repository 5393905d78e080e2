using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Access;

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
