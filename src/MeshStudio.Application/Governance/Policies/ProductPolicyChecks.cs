using MeshStudio.Catalog;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>
/// The policies in force evaluated on a product as it is now (its metadata, schema, data and the job writing it):
/// the review's checks, computed afresh whenever they are asked for.
/// </summary>
public sealed class ProductPolicyChecks(PolicyService policies)
{
    /// <param name="product">Loaded with its owner.</param>
    internal async Task<IReadOnlyList<CheckResult>> EvaluateAsync(MeshDbContext db, QualifiedName name, Product product, CancellationToken ct)
    {
        var facts = await FactsAsync(db, name, product, ct);
        return ReviewChecks.Evaluate(await policies.InForceAsync(name.Domain, ct), facts);
    }

    internal static async Task<ProductFacts> FactsAsync(MeshDbContext db, QualifiedName name, Product product, CancellationToken ct)
    {
        var definition = await db.Jobs.AsNoTracking().Where(j => j.ProductId == product.Id).Select(j => j.Definition).FirstOrDefaultAsync(ct);
        var job = definition is null ? null : MeshSqlParser.ParseScript(definition).Statements.OfType<CreateJobStatement>().FirstOrDefault();
        return new ProductFacts(
            name,
            product.Owner?.UserName,
            product.Description,
            product.Columns,
            HasData: product.SnapshotLocation is not null,
            HasSchedule: job is null ? null : job.RunInterval is not null,
            ExpectationCount: job?.Expectations.Count);
    }
}
