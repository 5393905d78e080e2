using MeshStudio.Catalog;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>
/// Tries a policy (saved or a draft) on a product as it is now, before switching it on: what the review would say.
/// A job's name tests the product it writes.
/// </summary>
public sealed class PolicyTester(IDbContextFactory<MeshDbContext> dbFactory)
{
    public async Task<CheckResult> TestAsync(UserContext user, PolicyDefinition policy, QualifiedName productOrJob, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(productOrJob);
        if (!PolicyService.CanManage(user, policy.Domain))
            throw new AccessDeniedException("Only governance stewards test policies.");
        var clean = PolicyRules.Check(policy with { Domain = null, Enabled = true }, []);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobProduct = await db.Jobs.AsNoTracking()
            .Where(j => j.Domain!.Name == productOrJob.Domain && j.Name == productOrJob.Name).Select(j => (int?)j.ProductId).SingleOrDefaultAsync(ct);
        var product = await db.Products.AsNoTracking().Include(p => p.Owner).Include(p => p.Domain)
                          .SingleOrDefaultAsync(p => jobProduct == null ? p.Domain!.Name == productOrJob.Domain && p.Name == productOrJob.Name : p.Id == jobProduct, ct)
                      ?? throw new RuleViolationException($"There is no product or job {productOrJob}.");
        var name = new QualifiedName(product.Domain!.Name, product.Name);
        var facts = await ProductPolicyChecks.FactsAsync(db, name, product, ct);
        return ReviewChecks.Evaluate([clean], facts).SingleOrDefault()
               ?? new CheckResult(clean.Key, true, $"The policy says nothing about {name} at review: it applies while typing and at deploy.", false, clean.Explanation);
    }
}
