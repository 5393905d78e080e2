using MeshStudio.Application.Domains;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Tests.Support;
using MeshStudio.Core.Identity;
using MeshStudio.TestSupport;

namespace MeshStudio.Catalog.Tests.Governance;

/// <summary>Entries written at once by many writers, or several in one unit of work, still form one valid chain.</summary>
public sealed class AuditChainConcurrencyTests
{
    private static readonly UserContext Steward = new("steward-id", "steward", false, true, new Dictionary<string, DomainRole>());
    private static readonly UserContext Admin = new("admin-id", "admin", true, false, new Dictionary<string, DomainRole>());

    [Fact]
    public async Task WriteAsync_ManyWritersAtOnce_GiveOneValidChain()
    {
        await using var catalog = await FileCatalog.CreateAsync();
        var domains = catalog.Get<DomainService>();

        // Direct writes and writes that commit with the change they record, interleaved.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => i % 4 == 0
            ? domains.CreateAsync(Admin, $"domain{i}", "", CancellationToken.None)
            : catalog.Audit.WriteAsync("steward", "review.approved", $"sales.product_{i}", "", CancellationToken.None))));

        var result = await catalog.Audit.VerifyAsync(Steward.UserName, CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(32, result.Count);
    }

    [Fact]
    public async Task WriteAsync_ManyWritersAtOnceOnPostgreSql_GiveOneValidChain()
    {
        // PostgreSQL serialises writers by an advisory lock; this runs in the PostgreSQL run of the tests. On SQLite the
        // test above covers it (an in-memory test catalog shares one connection, which cannot be used from many threads).
        if (!TestCatalogDatabase.OnPostgreSql)
            return;
        await using var ctx = await CatalogTestContext.CreateAsync();
        var before = await ctx.Audit.CountAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => i % 4 == 0
            ? ctx.Domains.CreateAsync(ctx.Admin, $"domain{i}", "", CancellationToken.None)
            : ctx.Audit.WriteAsync("steward", "review.approved", $"sales.product_{i}", "", CancellationToken.None))));

        var result = await ctx.Audit.VerifyAsync(ctx.Steward.UserName, CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(before + 32, result.Count);
    }

    [Fact]
    public async Task SaveChangesAsync_SeveralEntriesInTheCallersTransaction_AreChained()
    {
        await using var catalog = await FileCatalog.CreateAsync();
        await catalog.Audit.WriteAsync("steward", "review.approved", "sales.revenue", "", CancellationToken.None);

        await using (var db = await catalog.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.AuditEntries.Add(new AuditEntry { Actor = "sally", Action = "job.saved", Target = "sales.job", At = catalog.Clock.GetUtcNow().UtcDateTime });
            db.AuditEntries.Add(new AuditEntry { Actor = "sally", Action = "product.created", Target = "sales.revenue", At = catalog.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        // A synchronous save is chained too.
        await using (var db = await catalog.DbAsync())
        {
            db.AuditEntries.Add(new AuditEntry { Actor = "sally", Action = "job.paused", Target = "sales.job", At = catalog.Clock.GetUtcNow().UtcDateTime });
            db.SaveChanges();
        }

        var result = await catalog.Audit.VerifyAsync(Steward.UserName, CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public async Task SaveChangesAsync_TransactionRolledBack_LeavesNoEntryAndTheChainIntact()
    {
        await using var catalog = await FileCatalog.CreateAsync();

        await using (var db = await catalog.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.AuditEntries.Add(new AuditEntry { Actor = "sally", Action = "job.saved", Target = "sales.job", At = catalog.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await catalog.Audit.WriteAsync("steward", "review.approved", "sales.revenue", "", CancellationToken.None);

        var result = await catalog.Audit.VerifyAsync(Steward.UserName, CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal((1L, 1L), (result.Count, result.HeadId));
    }
}
