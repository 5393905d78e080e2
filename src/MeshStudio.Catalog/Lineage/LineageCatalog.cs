using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Lineage;

/// <summary>
/// Every source, job and product of the mesh with what lineage shows of them, in one read. No access check: the
/// lineage use case decides what the asking user may see.
/// </summary>
public sealed class LineageCatalog(IDbContextFactory<MeshDbContext> dbFactory)
{
    public async Task<MeshInventory> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owners = (await db.DomainMembers.AsNoTracking()
                .Where(m => m.Role == DomainRole.Owner)
                .Select(m => new { Domain = m.Domain!.Name, m.User!.UserName })
                .ToListAsync(ct))
            .GroupBy(m => m.Domain, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.UserName).Order(StringComparer.Ordinal).FirstOrDefault(), StringComparer.Ordinal);
        var sources = await db.Sources.AsNoTracking()
            .Select(s => new { Domain = s.Domain!.Name, s.Name, s.Kind, s.Columns })
            .ToListAsync(ct);
        var jobs = await db.Jobs.AsNoTracking()
            .Select(j => new
            {
                Domain = j.Domain!.Name,
                j.Name,
                Product = j.Product!.Name,
                j.Definition,
                j.IsPaused,
                j.LastRunAt,
                j.LastRunSucceeded,
                RunAs = db.Users.Where(u => u.Id == j.RunAsUserId).Select(u => u.UserName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var products = await db.Products.AsNoTracking()
            .Select(p => new { Domain = p.Domain!.Name, p.Name, p.Title, p.Status, p.Columns, p.LastUpdatedAt, Owner = p.Owner!.UserName })
            .ToListAsync(ct);
        return new MeshInventory(
            sources.Select(s => new InventorySource(new QualifiedName(s.Domain, s.Name), s.Kind.ToString().ToLowerInvariant(), s.Columns,
                owners.GetValueOrDefault(s.Domain))).ToList(),
            jobs.Select(j => new InventoryJob(new QualifiedName(j.Domain, j.Name), new QualifiedName(j.Domain, j.Product), j.Definition,
                j.IsPaused, j.LastRunAt, j.LastRunSucceeded, j.RunAs)).ToList(),
            products.Select(p => new InventoryProduct(new QualifiedName(p.Domain, p.Name), p.Title, p.Status, p.Columns, p.LastUpdatedAt,
                p.Owner)).ToList());
    }
}
