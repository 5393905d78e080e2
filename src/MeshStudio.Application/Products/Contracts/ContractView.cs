using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>A product's contract as a reader sees it.</summary>
/// <param name="Yaml">The contract as ODCS YAML, exactly as it is exported.</param>
/// <param name="Saved">The owner saved it; false: generated from what the catalog knows, and not enforced.</param>
/// <param name="CanEdit">The user may replace it (the product's owner, the domain's owners).</param>
public sealed record ContractView(DataContract Contract, string Yaml, bool Saved, bool CanEdit);
