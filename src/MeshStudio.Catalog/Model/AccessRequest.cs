using MeshStudio.Core.Access;

namespace MeshStudio.Catalog.Model;

/// <summary>A consumer's request to use a product; once approved it is the grant.</summary>
public sealed class AccessRequest
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    public required string RequesterUserId { get; set; }
    public AppUser? Requester { get; set; }
    public required string Purpose { get; set; }
    public AccessRequestStatus Status { get; set; }
    public DateTime RequestedAt { get; set; } = DateTime.UtcNow;
    public string? DecidedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }
    /// <summary>An approved grant stops working after this moment (UTC), when set.</summary>
    public DateTime? ExpiresAt { get; set; }
}
