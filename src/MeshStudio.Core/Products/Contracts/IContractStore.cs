namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// Where the contracts products' owners have written are kept, as the ODCS YAML text they saved. A product without one
/// has the contract generated from what the catalog knows (<see cref="ContractGenerator"/>).
/// </summary>
public interface IContractStore
{
    /// <summary>The saved contract of <paramref name="product"/>, or null when its owner has not written one.</summary>
    Task<string?> FindAsync(QualifiedName product, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="yaml"/> as the contract of <paramref name="product"/>, audited as <paramref name="actorUserName"/>'s change.</summary>
    Task SaveAsync(string actorUserName, QualifiedName product, string yaml, CancellationToken cancellationToken);
}
