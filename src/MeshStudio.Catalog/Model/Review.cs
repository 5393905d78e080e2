using MeshStudio.Core.Governance;

namespace MeshStudio.Catalog.Model;

/// <summary>A governance review opened when a product is published.</summary>
public sealed class Review
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    public ReviewStatus Status { get; set; }
    public List<CheckResult> Checks { get; set; } = [];
    public required string OpenedByUserId { get; set; }
    public DateTime OpenedAt { get; set; } = DateTime.UtcNow;
    public string? DecidedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Comment { get; set; }
}
