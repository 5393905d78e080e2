using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Search;
using MeshStudio.Catalog.Security;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog;

/// <summary>Creates the catalog schema. Idempotent: safe on every start-up.</summary>
public static class CatalogDatabase
{
    private static readonly string[] ExtraSchema =
    [
        SearchIndex.CreateSql,
        // The audit log is append-only: refuse changes even from raw SQL.
        "CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON AuditEntries " +
        "BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON AuditEntries " +
        "BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END",
    ];

    /// <summary>
    /// EnsureCreated (no migrations until the first release), WAL for file databases, the FTS5 search
    /// table and the audit triggers; then rebuilds the search index from the products table. A database file,
    /// its folder and its siblings are private to the server's user.
    /// </summary>
    public static async Task InitializeAsync(MeshDbContext db, CancellationToken ct)
    {
        MakePrivate(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Readers (search, product pages) keep working while a job commits a snapshot.
            // An in-memory database answers "memory" and stays as it is.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", ct);
            await db.Database.EnsureCreatedAsync(ct);
            foreach (var sql in ExtraSchema)
                await db.Database.ExecuteSqlRawAsync(sql, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SearchIndex.RebuildAsync(db, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Creates the database file owner-only before SQLite opens it: SQLite gives the write-ahead log and shared
    /// memory files it creates later the database file's mode. Files from an earlier start are restricted too.
    /// </summary>
    private static void MakePrivate(MeshDbContext db)
    {
        if (CatalogFile.PathOf(db.Database.GetDbConnection()) is not { } path)
            return;
        PrivateFiles.EnsureFolder(Path.GetDirectoryName(path)!);
        PrivateFiles.EnsureFile(path);
        foreach (var sibling in CatalogFile.Siblings(path))
            PrivateFiles.Restrict(sibling);
    }
}
