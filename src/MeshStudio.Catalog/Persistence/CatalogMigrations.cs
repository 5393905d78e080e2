using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MeshStudio.Catalog.Persistence;

/// <summary>
/// Brings the catalog to this version's schema with EF Core migrations (ADR 21): a catalog from before migrations is
/// baselined (<see cref="EnsureCreatedBaseline"/>), then the pending migrations are applied, each in its transaction,
/// and logged. A migration that fails is rolled back, and the start stops with a <see cref="CatalogMigrationException"/>
/// saying which migration failed and which, if any, are applied.
/// </summary>
internal static class CatalogMigrations
{
    public static async Task ApplyAsync(MeshDbContext db, ILogger logger, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var file = CatalogFile.PathOf(connection);
        // A server's database by name and address, never by its connection string (it may hold a password).
        var catalog = file ?? (db.Database.IsSqlite() ? "in memory" : $"{connection.Database} on {connection.DataSource}");
        await EnsureCreatedBaseline.ApplyIfNeededAsync(db, catalog, logger, ct);
        // EF Core takes its migration lock even when nothing is pending: only migrate when there is something to do.
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
            return;

        CatalogMigrationLog.Applying(logger, catalog, pending.Count, pending);
        using var fileLock = file is null ? null : await MigrationFileLock.AcquireAsync(file, ct);
        if (fileLock is not null)
            await ClearStaleEfLockAsync(db, logger, ct);
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var stillPending = (await db.Database.GetPendingMigrationsAsync(CancellationToken.None)).ToList();
            var applied = pending.Except(stillPending).ToList();
            throw new CatalogMigrationException(
                $"The catalog {catalog} could not be upgraded: migration {stillPending.FirstOrDefault() ?? pending[0]} failed " +
                $"and was rolled back ({e.GetBaseException().Message}). " +
                (applied.Count == 0
                    ? "Nothing was changed: the catalog is as it was before this start. "
                    : $"Applied before it: {string.Join(", ", applied)}. ") +
                "Fix the cause, or start the previous version, and start again.", e);
        }
        CatalogMigrationLog.Applied(logger, catalog, pending[^1]);
    }

    /// <summary>
    /// Called while holding <see cref="MigrationFileLock"/>: a row in EF Core's lock table was left by a process that
    /// ended while migrating (killed, or a failure EF Core did not clean up), since no other process can be migrating.
    /// </summary>
    private static async Task ClearStaleEfLockAsync(MeshDbContext db, ILogger logger, CancellationToken ct)
    {
        var hasTable = await db.Database
            .SqlQuery<int>($"SELECT count(*) AS Value FROM sqlite_master WHERE name = '__EFMigrationsLock'").SingleAsync(ct) > 0;
        if (hasTable && await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct) > 0)
            CatalogMigrationLog.StaleLockRemoved(logger);
    }
}
