using System.Data.Common;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Jobs;
using MeshStudio.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Catalog.Tests;

public sealed class CatalogDatabaseTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_FileDatabaseTwice_IsIdempotentAndUsesWal()
    {
        var path = Path.Combine(Path.GetTempPath(), $"meshstudio-catalog-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Pooling=False";
        try
        {
            await using var services = new ServiceCollection().AddMeshCatalog(connectionString).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<MeshDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
                await CatalogDatabase.InitializeAsync(db, Ct);
            await services.GetRequiredService<AuditLog>().WriteAsync("system", "test", "x", "", Ct);
            await using (var db = await factory.CreateDbContextAsync())
                await CatalogDatabase.InitializeAsync(db, Ct);

            Assert.Equal(1, await services.GetRequiredService<AuditLog>().CountAsync(Ct));
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    [Fact]
    public async Task AddMeshCatalog_ResolvesScopedContextForIdentityAndEveryService()
    {
        await using var services = new ServiceCollection().AddMeshCatalog("Data Source=:memory:")
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = services.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<MeshDbContext>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        foreach (var type in new[] { typeof(AuditLog), typeof(UserContextLoader), typeof(JobCommitter), typeof(CatalogStartup) })
        {
            Assert.Same(services.GetRequiredService(type), services.GetRequiredService(type));
        }
    }

    [Fact]
    public async Task AuditEntries_UpdateOrDelete_IsRefusedByTheDatabase()
    {
        await using var ctx = await CatalogTestContext.CreateAsync();
        await using var db = await ctx.DbAsync();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'x'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True(await ctx.Audit.CountAsync(Ct) > 0);
    }

    [Fact]
    public async Task AuditLog_ListAsync_ReturnsNewestFirstWithPaging()
    {
        await using var ctx = await CatalogTestContext.CreateAsync();
        var before = await ctx.Audit.CountAsync(Ct);
        await ctx.Audit.WriteAsync("sam", "first", "a", "", Ct);
        await ctx.Audit.WriteAsync("sam", "second", "b", "details", Ct);

        var page = await ctx.Audit.ListAsync(0, 2, Ct);
        var next = await ctx.Audit.ListAsync(1, 1, Ct);

        Assert.Equal(before + 2, await ctx.Audit.CountAsync(Ct));
        Assert.Equal(["second", "first"], page.Select(e => e.Action));
        Assert.Equal("first", Assert.Single(next).Action);
        Assert.Equal(ctx.Clock.GetUtcNow().UtcDateTime, page[0].At);
    }
}
