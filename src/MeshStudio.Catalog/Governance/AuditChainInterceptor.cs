using System.Runtime.CompilerServices;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeshStudio.Catalog.Governance;

/// <summary>
/// Chains every audit entry a unit of work adds, whichever service added it and however it is saved: inside the
/// save's transaction it reads the newest entry, gives each new entry the next id, links it to the newest seal and
/// seals it (<see cref="AuditSeal"/>). The transaction is SQLite's <c>BEGIN IMMEDIATE</c> (the default of
/// Microsoft.Data.Sqlite, also for the callers' own transactions): the write lock is held before the newest entry is
/// read, so two writers, in this process or another, never chain off the same entry. On PostgreSQL, whose transactions
/// take no lock up front, the transaction first takes an advisory lock held until it ends (<see cref="SerialiseSql"/>),
/// which serialises writers on every node sharing the catalog. Should one ever try, its insert fails on the id it
/// chose instead of forking the chain.
/// </summary>
internal sealed class AuditChainInterceptor(AuditKeyStore keys) : SaveChangesInterceptor
{
    /// <summary>The transactions this interceptor opened, to commit or roll back when the save ends.</summary>
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = [];

    /// <summary>PostgreSQL: one lock for every audit writer, released when the transaction ends (the key spells "audit").</summary>
    internal const string SerialiseSql = "SELECT pg_advisory_xact_lock(1635083369)";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MeshDbContext db && Added(db) is { Count: > 0 } added)
        {
            if (db.Database.CurrentTransaction is null)
                _owned.AddOrUpdate(db, db.Database.BeginTransaction());
            try
            {
                if (!db.Database.IsSqlite())
                    db.Database.ExecuteSqlRaw(SerialiseSql);
                Seal(db, added, Head(db).FirstOrDefault());
            }
            catch
            {
                RollBack(db);
                throw;
            }
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MeshDbContext db && Added(db) is { Count: > 0 } added)
        {
            if (db.Database.CurrentTransaction is null)
                _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
            try
            {
                if (!db.Database.IsSqlite())
                    await db.Database.ExecuteSqlRawAsync(SerialiseSql, cancellationToken);
                Seal(db, added, await Head(db).FirstOrDefaultAsync(cancellationToken));
            }
            catch
            {
                RollBack(db);
                throw;
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            using (tx)
                tx.Commit();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            await using (tx)
                await tx.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RollBack(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        RollBack(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Disposing an uncommitted transaction rolls it back (the save failed, was canceled, or sealing failed).</summary>
    private void RollBack(DbContext? db)
    {
        if (db is not null && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            tx.Dispose();
        }
    }

    private static List<AuditEntry> Added(MeshDbContext db) =>
        db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    private static IQueryable<ChainHead> Head(MeshDbContext db) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new ChainHead(a.Id, a.At, a.Hash));

    private void Seal(MeshDbContext db, List<AuditEntry> added, ChainHead? head)
    {
        var key = keys.KeyFor(CatalogFile.PathOf(db.Database.GetDbConnection()));
        var (id, at, hash) = head is null ? (0L, DateTime.MinValue, "") : (head.Id, head.At, head.Hash);
        foreach (var entry in added.OrderBy(e => e.At))
        {
            // Ids are given here, not by SQLite, so that they run without gaps and a removed entry shows.
            var property = db.Entry(entry).Property(e => e.Id);
            property.CurrentValue = ++id;
            property.IsTemporary = false;
            // Sealed as stored: PostgreSQL keeps microseconds, not .NET's 100 ns ticks.
            entry.At = new DateTime(entry.At.Ticks - entry.At.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
            // A clock stepped back (NTP) must not look like a back-dated entry: time never runs backwards in the log.
            if (entry.At < at)
                entry.At = at;
            entry.PreviousHash = hash;
            entry.Hash = AuditSeal.Compute(key, entry);
            (at, hash) = (entry.At, entry.Hash);
        }
    }

    private sealed record ChainHead(long Id, DateTime At, string Hash);
}
