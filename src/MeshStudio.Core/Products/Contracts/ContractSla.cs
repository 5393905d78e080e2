namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS <c>slaProperties</c> entry, e.g. <c>latency 1 h</c> (freshness) or <c>frequency 5 m</c>.</summary>
public sealed record ContractSla
{
    /// <summary>The ODCS property for freshness: how old the newest data may be.</summary>
    public const string Latency = "latency";

    public required string Property { get; init; }
    public required ContractValue.Scalar Value { get; init; }
    /// <summary>d, h, m, s, … as ODCS writes them.</summary>
    public string? Unit { get; init; }
    /// <summary>The column the property is measured on, <c>object.property</c>.</summary>
    public string? Element { get; init; }
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
