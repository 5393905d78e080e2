namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS <c>support</c> entry: where consumers ask questions or report problems.</summary>
public sealed record ContractSupportChannel
{
    public required string Channel { get; init; }
    /// <summary>email, slack, teams, discord, ticket or other.</summary>
    public string? Tool { get; init; }
    public string? Url { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
