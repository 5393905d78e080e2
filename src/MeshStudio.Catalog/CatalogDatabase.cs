using MeshStudio.Catalog.Search;
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
    /// table and the audit triggers; then rebuilds the search index from the products table.
    /// </summary>
    public static async Task InitializeAsync(MeshDbContext db, CancellationToken ct)
    {
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
}
