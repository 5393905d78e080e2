using System.Reflection;
using MeshStudio.Catalog.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;

namespace MeshStudio.Catalog.Persistence;

/// <summary>
/// Recognises a SQLite catalog created before migrations (by <c>EnsureCreated</c> plus raw SQL, ADR 3): it has the
/// tables but no <c>__EFMigrationsHistory</c>. When it has every table, column, the search index and the audit
/// triggers that <see cref="InitialCatalog"/> creates, it is recorded as being at that migration, so the later
/// migrations upgrade it in place. One that lacks any of them (made before the last schema of that time) is refused
/// with what is missing, before anything is written.
/// </summary>
internal static class EnsureCreatedBaseline
{
    /// <summary>What InitialCatalog creates with raw SQL rather than from the model.</summary>
    private static readonly string[] RawObjects = ["product_search", "audit_entries_no_update", "audit_entries_no_delete"];

    public static async Task ApplyIfNeededAsync(MeshDbContext db, string catalog, ILogger logger, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return;
        var history = db.GetService<IHistoryRepository>();
        if (await history.ExistsAsync(ct) || !await ExistsAsync(db, "AuditEntries", ct))
            return;

        var initial = typeof(InitialCatalog).GetCustomAttribute<MigrationAttribute>()!.Id;
        var missing = await MissingAsync(db, ct);
        if (missing.Count > 0)
        {
            throw new CatalogMigrationException(
                $"The catalog {catalog} was created by a MeshStudio version without migrations, older than the schema " +
                $"migration {initial} starts from; it lacks {string.Join(", ", missing)}. It was not changed. " +
                "Start it with the version that created it to export what you need, or start this version with a new data folder.");
        }

        CatalogMigrationLog.Baselined(logger, catalog, initial);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Another server on the same file may have recorded it meanwhile (the transaction holds the write lock now).
        if (!await history.ExistsAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion())), ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Tables, columns and raw objects of InitialCatalog that the database does not have.</summary>
    private static async Task<List<string>> MissingAsync(MeshDbContext db, CancellationToken ct)
    {
        var migration = db.GetService<IMigrationsAssembly>().CreateMigration(typeof(InitialCatalog).GetTypeInfo(), db.Database.ProviderName!);
        var missing = new List<string>();
        foreach (var table in migration.UpOperations.OfType<CreateTableOperation>())
        {
            var columns = await ColumnsAsync(db, table.Name, ct);
            if (columns.Count == 0)
                missing.Add($"table {table.Name}");
            else
                missing.AddRange(table.Columns.Where(c => !columns.Contains(c.Name)).Select(c => $"column {table.Name}.{c.Name}"));
        }
        foreach (var name in RawObjects)
        {
            if (!await ExistsAsync(db, name, ct))
                missing.Add(name);
        }
        return missing;
    }

    private static async Task<bool> ExistsAsync(MeshDbContext db, string name, CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM sqlite_master WHERE name = {name}").SingleAsync(ct) > 0;

    private static async Task<HashSet<string>> ColumnsAsync(MeshDbContext db, string table, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})").ToListAsync(ct))
        .ToHashSet(StringComparer.Ordinal);
}
