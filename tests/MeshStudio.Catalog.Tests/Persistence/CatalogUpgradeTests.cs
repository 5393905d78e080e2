using MeshStudio.Application.Access;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products;
using MeshStudio.Application.Search;
using MeshStudio.Application.Tokens;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Tests.Support;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Catalog.Tests.Persistence;

/// <summary>
/// Opens the catalog made by the code before migrations (Fixtures/EnsureCreatedCatalog, see its README) as an upgrade
/// would, and checks that what its users had is still there and still works.
/// </summary>
public sealed class CatalogUpgradeTests
{
    private const string Fixture = "EnsureCreatedCatalog";
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task StartAsync_CatalogMadeByEnsureCreated_KeepsProductsJobsGrantsAndAudit()
    {
        await using var catalog = FileCatalog.Prepare(Fixture);
        await catalog.StartAsync();

        var sally = await UserAsync(catalog, "sally");
        var leo = await UserAsync(catalog, "leo");
        var revenue = await catalog.Get<ProductService>().GetAsync(sally, Q("sales.revenue_by_country"), Ct);
        Assert.NotNull(revenue);
        Assert.Equal(("Revenue by country", ProductStatus.Published, 42L, "sales/revenue_by_country/snap-2"),
            (revenue.Title, revenue.Status, revenue.RowCount, revenue.SnapshotLocation));
        Assert.Equal(["finance", "kpi"], revenue.Tags);
        Assert.Equal(["country", "revenue", "orders"], revenue.Columns.Select(c => c.Name));
        Assert.Equal("ISO country code", revenue.Columns[0].Description);
        var campaigns = await catalog.Get<ProductService>().GetAsync(await UserAsync(catalog, "mia"), Q("marketing.campaigns"), Ct);
        Assert.Equal(ProductStatus.Draft, campaigns!.Status);

        var versions = await catalog.Get<JobService>().ListVersionsAsync(sally, Q("sales.job_revenue"), Ct);
        Assert.Equal([1, 2], versions!.Select(v => v.Version).Order());
        Assert.Contains(versions!, v => v.Definition.Contains("WHERE amount > 0", StringComparison.Ordinal));
        var runs = await catalog.Get<JobService>().ListRunsAsync(Q("sales.job_revenue"), 10, Ct);
        Assert.Equal(3, runs.Count);
        Assert.Equal(2, runs.Count(r => r.Succeeded));
        Assert.Contains(runs, r => r.Error == "Binder Error: column x not found");

        Assert.True(await catalog.Get<AccessService>().HasActiveGrantAsync(leo.UserId, Q("sales.revenue_by_country"), Ct));
        Assert.False(await catalog.Get<AccessService>().HasActiveGrantAsync("mia-id", Q("sales.revenue_by_country"), Ct));
        Assert.True((await catalog.Get<ProductService>().GetAsync(leo, Q("sales.revenue_by_country"), Ct))!.CanReadData);
        Assert.Equal("notebook", Assert.Single(await catalog.Get<TokenService>().ListAsync("sam-id", Ct)).Name);
        var found = await catalog.Get<ProductSearch>().SearchAsync(new ProductQuery("revenue", null, null), Ct);
        Assert.Equal(Q("sales.revenue_by_country"), Assert.Single(found.Items).Name);

        Assert.Equal(22, await catalog.Audit.CountAsync(Ct));
        var steward = await UserAsync(catalog, "steward");
        var verified = await catalog.Audit.VerifyAsync(steward.UserName, Ct);
        Assert.True(verified.Intact, verified.Summary);
        Assert.Equal(22, verified.Count);
        // New entries keep chaining onto the old ones, and the next start finds nothing to do.
        await catalog.Audit.WriteAsync("sally", "after.upgrade", "catalog", "", Ct);
        await catalog.RestartAsync();
        Assert.True((await catalog.Audit.VerifyAsync(steward.UserName, Ct)).Intact);
        await using var db = await catalog.DbAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
    }

    [Fact]
    public async Task StartAsync_EnsureCreatedCatalogOlderThanTheBaseline_RefusesAndLeavesItUnchanged()
    {
        await using var catalog = FileCatalog.Prepare(Fixture);
        // As a catalog from before the audit chain (ADR 14) was: no seals.
        await catalog.ExecuteOnFileAsync("ALTER TABLE AuditEntries DROP COLUMN Hash");

        var error = await Assert.ThrowsAsync<CatalogMigrationException>(catalog.StartAsync);

        Assert.Contains("lacks column AuditEntries.Hash", error.Message, StringComparison.Ordinal);
        Assert.Contains("It was not changed", error.Message, StringComparison.Ordinal);
        await using var file = await catalog.OpenFileAsync();
        await using var command = file.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    private static async Task<UserContext> UserAsync(FileCatalog catalog, string userName) =>
        await catalog.Get<UserContextLoader>().LoadByUserNameAsync(userName, Ct)
        ?? throw new InvalidOperationException($"The fixture has no user {userName}.");
}
