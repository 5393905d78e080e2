using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Search;
using MeshStudio.Catalog.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshStudio.Catalog;

/// <summary>Brings the catalog schema up to date. Idempotent: safe on every start-up.</summary>
public static class CatalogDatabase
{
    /// <inheritdoc cref="InitializeAsync(MeshDbContext, ILogger, CancellationToken)"/>
    public static Task InitializeAsync(MeshDbContext db, CancellationToken ct) => InitializeAsync(db, NullLogger.Instance, ct);

    /// <summary>
    /// WAL for SQLite files, the migrations (ADR 21: the tables, the FTS5 search table and the audit triggers), then
    /// the search index rebuilt from the products table. A database file, its folder and its siblings are private to
    /// the server's user.
    /// </summary>
    public static async Task InitializeAsync(MeshDbContext db, ILogger logger, CancellationToken ct)
    {
        MakePrivate(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Readers (search, product pages) keep working while a job commits a snapshot.
            // An in-memory database answers "memory" and stays as it is.
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", ct);
            await CatalogMigrations.ApplyAsync(db, logger, ct);
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
