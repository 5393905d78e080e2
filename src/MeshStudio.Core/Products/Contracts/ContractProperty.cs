namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS property: one column of a schema object.</summary>
public sealed record ContractProperty
{
    public required string Name { get; init; }
    /// <summary>ODCS logical type: string, date, timestamp, time, number, integer, object, array or boolean.</summary>
    public string? LogicalType { get; init; }
    /// <summary>The type in the platform; for a product, DuckDB's type name (<c>VARCHAR</c>, <c>DECIMAL(18,2)</c>, …).</summary>
    public string? PhysicalType { get; init; }
    public string? Description { get; init; }
    /// <summary>True: the column never holds null.</summary>
    public bool? Required { get; init; }
    public bool? PrimaryKey { get; init; }
    /// <summary>1-based position in the primary key; -1 or absent when not part of it.</summary>
    public int? PrimaryKeyPosition { get; init; }
    /// <summary>Sensitivity, e.g. public, restricted, confidential.</summary>
    public string? Classification { get; init; }
    public IReadOnlyList<ContractQualityRule> Quality { get; init; } = [];
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
