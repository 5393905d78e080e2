using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MeshStudio.Catalog.Tests.Persistence;

public sealed class CatalogMigrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task StartAsync_NewCatalog_AppliesEveryMigrationAndMatchesTheModel()
    {
        await using var catalog = await FileCatalog.CreateAsync();
        await using var db = await catalog.DbAsync();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        // A model change without its migration fails here (add one with `dotnet ef migrations add`, ADR 21).
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(1L, await ScalarAsync(catalog, "SELECT count(*) FROM sqlite_master WHERE name = 'product_search'"));
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel_WithoutAServer()
    {
        // Checked here too, so a model change that only got its SQLite migration fails without PostgreSQL running.
        var options = DependencyInjection.Use(
            new DbContextOptionsBuilder<MeshDbContext>(), new CatalogOptions(CatalogProvider.PostgreSQL, "Host=localhost;Database=unused"));
        using var db = new MeshDbContext((DbContextOptions<MeshDbContext>)options.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task StartAsync_NewMigration_IsAppliedToTheExistingData()
    {
        await using var catalog = await FileCatalog.CreateAsync();
        await catalog.Audit.WriteAsync("sam", "before.upgrade", "catalog", "", Ct);

        await catalog.RestartWithAsync(o => o.ReplaceService<IMigrationsAssembly, ExtraMigrationsAssembly<AddLeases>>());

        Assert.Equal(1L, await ScalarAsync(catalog, "SELECT count(*) FROM sqlite_master WHERE name = 'Leases'"));
        Assert.Equal(1L, await ScalarAsync(catalog, "SELECT count(*) FROM pragma_table_info('Domains') WHERE name = 'Region'"));
        Assert.Equal(1, await catalog.Audit.CountAsync(Ct));
    }

    [Fact]
    public async Task StartAsync_MigrationFails_LeavesTheCatalogAsItWas()
    {
        await using var catalog = await FileCatalog.CreateAsync();
        await catalog.Audit.WriteAsync("sam", "first", "catalog", "", Ct);
        await catalog.Audit.WriteAsync("sam", "second", "catalog", "", Ct);

        var error = await Assert.ThrowsAsync<CatalogMigrationException>(() =>
            catalog.RestartWithAsync(o => o.ReplaceService<IMigrationsAssembly, ExtraMigrationsAssembly<BrokenUpgrade>>()));

        Assert.Contains("migration 99990101000000_BrokenUpgrade failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(catalog, "SELECT count(*) FROM sqlite_master WHERE name IN ('Leases', 'IX_AuditEntries_Actor')"));
        Assert.Equal(0L, await ScalarAsync(catalog, "SELECT count(*) FROM pragma_table_info('Domains') WHERE name = 'Region'"));
        Assert.Equal(0L, await ScalarAsync(catalog, "SELECT count(*) FROM __EFMigrationsHistory WHERE MigrationId LIKE '9999%'"));
        Assert.Equal(0L, await ScalarAsync(catalog, "SELECT count(*) FROM __EFMigrationsLock"));
        // The version it ran before starts on it as if nothing had happened.
        await catalog.RestartWithAsync(_ => { });
        Assert.Equal(2, await catalog.Audit.CountAsync(Ct));
    }

    [Fact]
    public async Task StartAsync_MigrationLockLeftByAKilledProcess_MigratesAnyway()
    {
        await using var catalog = await FileCatalog.CreateAsync();
        // What EF Core's lock leaves when its process is killed while migrating.
        await catalog.ExecuteOnFileAsync(
            "CREATE TABLE IF NOT EXISTS __EFMigrationsLock (Id INTEGER NOT NULL PRIMARY KEY, Timestamp TEXT NOT NULL);" +
            "INSERT INTO __EFMigrationsLock VALUES (1, '2026-03-01 12:00:00');");

        await catalog.RestartWithAsync(o => o.ReplaceService<IMigrationsAssembly, ExtraMigrationsAssembly<AddLeases>>())
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1L, await ScalarAsync(catalog, "SELECT count(*) FROM sqlite_master WHERE name = 'Leases'"));
        Assert.Equal(0L, await ScalarAsync(catalog, "SELECT count(*) FROM __EFMigrationsLock"));
    }

    private static async Task<long> ScalarAsync(FileCatalog catalog, string sql)
    {
        await using SqliteConnection file = await catalog.OpenFileAsync();
        await using var command = file.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
