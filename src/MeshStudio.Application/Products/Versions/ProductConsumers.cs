using MeshStudio.Catalog;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Products.Versions;

/// <summary>Who uses a product: the users holding an active grant on it and the jobs whose query reads it (lineage, ADR 22).</summary>
public sealed class ProductConsumers(IDbContextFactory<MeshDbContext> dbFactory, ISqlParser parser, TimeProvider time)
{
    /// <summary>The consumers of <paramref name="product"/>: user ids and names with a grant, and the jobs of any domain reading it.</summary>
    public async Task<ConsumerList> OfAsync(QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Products.Where(p => p.Domain!.Name == product.Domain && p.Name == product.Name)
            .Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null)
            return new ConsumerList([], []);
        var now = time.GetUtcNow().UtcDateTime;
        var grants = await db.AccessRequests.AsNoTracking()
            .Where(r => r.ProductId == id && r.Status == AccessRequestStatus.Approved)
            .Select(r => new { r.RequesterUserId, r.ExpiresAt, Name = r.Requester!.UserName })
            .ToListAsync(cancellationToken);
        var users = grants.Where(g => AccessRules.IsGrantActive(true, g.ExpiresAt, now))
            .Select(g => new ConsumerUser(g.RequesterUserId, g.Name ?? g.RequesterUserId))
            .DistinctBy(u => u.UserId).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.ProductId != id)
            .Select(j => new { Domain = j.Domain!.Name, j.Name, j.Definition, j.RunAsUserId })
            .ToListAsync(cancellationToken);
        var reading = jobs.Where(j => Reads(j.Definition, product))
            .Select(j => new ConsumerJob(new QualifiedName(j.Domain, j.Name), j.RunAsUserId))
            .OrderBy(j => j.Job.ToString(), StringComparer.Ordinal).ToList();
        return new ConsumerList(users, reading);
    }

    private bool Reads(string definition, QualifiedName product) =>
        MeshSqlParser.ParseScript(definition).Statements.OfType<CreateJobStatement>().FirstOrDefault() is { } job
        && parser.Parse(job.Query).Query is { } query
        && QueryRelations.Of(query).Any(r => string.Equals(r.Name, product.ToString(), StringComparison.OrdinalIgnoreCase));
}
