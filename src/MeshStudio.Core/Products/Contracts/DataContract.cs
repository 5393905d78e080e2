namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// A data product's contract in the Open Data Contract Standard v3 (ODCS): what the product promises its consumers.
/// The fields the platform reads or shows are named; every other field is kept in <see cref="Extras"/> (ADR 23).
/// </summary>
public sealed record DataContract
{
    /// <summary>The ODCS version a new contract is written in.</summary>
    public const string CurrentApiVersion = "v3.1.0";
    public const string ContractKind = "DataContract";

    public string ApiVersion { get; init; } = CurrentApiVersion;
    public string Kind { get; init; } = ContractKind;
    public required string Id { get; init; }
    /// <summary>The contract's own version (semantic versioning).</summary>
    public required string Version { get; init; }
    /// <summary>proposed, draft, active, deprecated or retired.</summary>
    public required string Status { get; init; }
    public string? Name { get; init; }
    public string? Domain { get; init; }
    public string? DataProduct { get; init; }
    /// <summary>Purpose, usage and limitations: the terms of use.</summary>
    public ContractDescription? Description { get; init; }
    public IReadOnlyList<ContractSchemaObject> Schema { get; init; } = [];
    /// <summary>Service levels: freshness is <c>latency</c>, update rate is <c>frequency</c>.</summary>
    public IReadOnlyList<ContractSla> SlaProperties { get; init; } = [];
    public ContractTeam? Team { get; init; }
    public IReadOnlyList<ContractSupportChannel> Support { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Fields the model does not name (servers, roles, price, customProperties, …), in the order written.</summary>
    public IReadOnlyList<ContractField> Extras { get; init; } = [];

    /// <summary>The schema object that describes <paramref name="product"/>: the one of its name, else the only one.</summary>
    public ContractSchemaObject? ObjectFor(string product) =>
        Schema.FirstOrDefault(o => string.Equals(o.Name, product, StringComparison.OrdinalIgnoreCase))
        ?? (Schema.Count == 1 ? Schema[0] : null);
}
