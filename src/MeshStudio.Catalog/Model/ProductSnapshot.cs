namespace MeshStudio.Catalog.Model;

/// <summary>
/// One committed snapshot of a product (time travel): recorded with every commit, pruned once older than the
/// snapshot retention (the current snapshot is always kept).
/// </summary>
public sealed class ProductSnapshot
{
    public long Id { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>The snapshot folder relative to the lake root, as in <see cref="Product.SnapshotLocation"/>.</summary>
    public required string Location { get; set; }
    public long RowCount { get; set; }
    /// <summary>When the snapshot became the product's current data (UTC).</summary>
    public DateTime CommittedAt { get; set; }
}
