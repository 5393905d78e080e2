namespace MeshStudio.Catalog.Model;

/// <summary>A business domain: owns sources, jobs, products and a lake folder named after it.</summary>
public sealed class MeshDomain
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>SHA-256 (hex) of the domain's ingestion API key; the key itself is never stored.</summary>
    public string ApiKeyHash { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public List<DomainMember> Members { get; set; } = [];
}
