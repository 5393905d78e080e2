namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS schema object: a table (for a product, the product itself) with its properties (columns).</summary>
public sealed record ContractSchemaObject
{
    public required string Name { get; init; }
    public string? PhysicalName { get; init; }
    public string? LogicalType { get; init; } = "object";
    public string? PhysicalType { get; init; } = "table";
    public string? Description { get; init; }
    public IReadOnlyList<ContractProperty> Properties { get; init; } = [];
    public IReadOnlyList<ContractQualityRule> Quality { get; init; } = [];
    public IReadOnlyList<ContractField> Extras { get; init; } = [];

    /// <summary>The primary key's columns in key order.</summary>
    public IReadOnlyList<string> PrimaryKey =>
        Properties.Where(p => p.PrimaryKey == true)
            .OrderBy(p => p.PrimaryKeyPosition is > 0 ? p.PrimaryKeyPosition.Value : int.MaxValue)
            .Select(p => p.Name).ToList();
}
