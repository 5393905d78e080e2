namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS <c>team</c>: the people behind the product and their roles.</summary>
/// <remarks>ODCS 3.1 writes the team as an object with <c>members</c>; ODCS 3.0 as a plain list, kept when imported so (<see cref="WrittenAsList"/>).</remarks>
public sealed record ContractTeam
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ContractTeamMember> Members { get; init; } = [];
    public bool WrittenAsList { get; init; }
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
