namespace MeshStudio.Catalog.Model;

/// <summary>The contract a product's owner saved, as ODCS v3 YAML (ADR 23); one per product.</summary>
public sealed class ProductContract
{
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    public required string Yaml { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
