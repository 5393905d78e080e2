using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Versions;

namespace MeshStudio.Catalog.Model;

/// <summary>
/// One version of a product (ADR 25): the schema and key it promised from <see cref="CreatedAt"/> on and how it differs
/// from the version before. The majors of one product are products of their own (<c>name</c>, <c>name_v2</c>, …)
/// sharing <see cref="SeriesId"/>, the id of the first one. A product without rows is at 1.0.0.
/// </summary>
public sealed class ProductVersion
{
    public long Id { get; set; }
    /// <summary>The product (the major's table) this version's data is in.</summary>
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>The id of the series' first product (major 1).</summary>
    public int SeriesId { get; set; }
    public int Major { get; set; }
    public int Minor { get; set; }
    public int Patch { get; set; }
    public List<ColumnSchema> Columns { get; set; } = [];
    public List<string> KeyColumns { get; set; } = [];
    /// <summary>What changed from the version before; empty for the first.</summary>
    public List<SchemaDifference> Changes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    /// <summary>The user name of whoever deployed the change.</summary>
    public required string CreatedBy { get; set; }
    /// <summary>For a major's first version: after this moment (UTC) the major is deprecated, set by the product's owner.</summary>
    public DateTime? DeprecatedAfter { get; set; }
}
