using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Model;

/// <summary>A data product: a live table owned by a domain, with its metadata and current snapshot.</summary>
public sealed class Product
{
    public int Id { get; set; }
    public int DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    public required string Name { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown; rendered sanitised on the product page.</summary>
    public string Description { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public string? OwnerUserId { get; set; }
    public AppUser? Owner { get; set; }
    public ProductStatus Status { get; set; } = ProductStatus.Draft;
    public List<ColumnSchema> Columns { get; set; } = [];
    public List<string> KeyColumns { get; set; } = [];
    /// <summary>Current snapshot folder relative to the lake root; null until the first commit.</summary>
    public string? SnapshotLocation { get; set; }
    public long RowCount { get; set; }
    public DateTime? LastUpdatedAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? PublishedAt { get; set; }
}
