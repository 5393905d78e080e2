using System.Text.Json.Serialization;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Products;

/// <summary>What the product page shows, already judged for the viewing user.</summary>
/// <param name="SnapshotLocation">The current snapshot's folder in the lake: for the server (exports) only, never serialised.</param>
/// <param name="CanReadData">The user may query the data (member, or an active grant on a published product).</param>
/// <param name="MyRequestStatus">The user's latest access request for the product, if any.</param>
/// <param name="MyGrantExpiresAt">Expiry of the user's active grant, when it has one that expires.</param>
/// <param name="OpenReviewId">The governance review in progress, if any.</param>
/// <param name="CanEdit">The user may edit metadata and open a review (an author of the domain).</param>
/// <param name="CanRequestAccess">The user may request access (published, not a member, no pending request or active grant).</param>
/// <param name="Job">The job that keeps the product up to date, if any.</param>
public sealed record ProductDetails(
    QualifiedName Name,
    string Title,
    string Description,
    IReadOnlyList<string> Tags,
    ProductStatus Status,
    string? OwnerUserName,
    string? OwnerDisplayName,
    IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyList<string> KeyColumns,
    long RowCount,
    DateTime? LastUpdatedAt,
    DateTime? PublishedAt,
    [property: JsonIgnore] string? SnapshotLocation,
    bool CanReadData,
    AccessRequestStatus? MyRequestStatus,
    DateTime? MyGrantExpiresAt,
    int? OpenReviewId,
    bool CanEdit,
    bool CanRequestAccess,
    QualifiedName? Job);
