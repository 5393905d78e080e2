using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Core.Products.Versions;

namespace MeshStudio.Application.Products.Versions;

/// <summary>What a deployed job's output does to its product's version (ADR 25), decided before the job is saved.</summary>
/// <param name="Product">The product the job writes now.</param>
/// <param name="Classification">The bump, the versions and the differences.</param>
/// <param name="Output">The columns the job would write, as the product stores them.</param>
/// <param name="Key">The job's key.</param>
/// <param name="NewMajor">Where a breaking change is written instead (<c>name_vN</c>); null when the product changes in place.</param>
/// <param name="ContractBreaches">How the output breaks the product's saved contract.</param>
public sealed record VersionPlan(
    QualifiedName Product,
    VersionClassification Classification,
    IReadOnlyList<ColumnSchema> Output,
    IReadOnlyList<string> Key,
    QualifiedName? NewMajor,
    IReadOnlyList<ContractDifference> ContractBreaches)
{
    /// <summary>Where the job writes after the change.</summary>
    public QualifiedName Target => NewMajor ?? Product;
}
