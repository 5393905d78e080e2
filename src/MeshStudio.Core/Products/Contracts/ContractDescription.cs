namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS <c>description</c>: what the data is for and the terms of its use.</summary>
public sealed record ContractDescription
{
    public string? Purpose { get; init; }
    public string? Usage { get; init; }
    public string? Limitations { get; init; }
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
