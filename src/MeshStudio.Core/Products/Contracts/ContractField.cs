namespace MeshStudio.Core.Products.Contracts;

/// <summary>One named field of a <see cref="ContractValue.Mapping"/>.</summary>
public sealed record ContractField(string Name, ContractValue Value);
