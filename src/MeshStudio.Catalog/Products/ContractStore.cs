using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Products;

/// <summary>The saved contracts of products in the catalog; who may save one is the contract use case's decision.</summary>
public sealed class ContractStore(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time) : IContractStore
{
    public async Task<string?> FindAsync(QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProductContracts.AsNoTracking()
            .Where(c => c.Product!.Name == product.Name && c.Product.Domain!.Name == product.Domain)
            .Select(c => c.Yaml)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task SaveAsync(string actorUserName, QualifiedName product, string yaml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var productId = await db.Products.Where(p => p.Name == product.Name && p.Domain!.Name == product.Domain)
            .Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException($"There is no product {product}.");
        var contract = await db.ProductContracts.SingleOrDefaultAsync(c => c.ProductId == productId, cancellationToken);
        var created = contract is null;
        contract ??= db.ProductContracts.Add(new ProductContract { ProductId = productId, Yaml = yaml, UpdatedBy = actorUserName }).Entity;
        contract.Yaml = yaml;
        contract.UpdatedBy = actorUserName;
        contract.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Append(db, actorUserName, created ? "product.contract.created" : "product.contract.replaced", product.ToString(), $"{yaml.Length} characters of ODCS YAML");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
