namespace MeshStudio.Core.Products.Contracts;

/// <summary>One member of the contract's team.</summary>
public sealed record ContractTeamMember
{
    /// <summary>The role that owns the product.</summary>
    public const string OwnerRole = "owner";

    public required string Username { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
