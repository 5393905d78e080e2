using System.Data.Common;
using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Security;
using MeshStudio.Core.Governance;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Governance;

/// <summary>
/// Walks the whole audit chain in id order, one row at a time (never the whole log in memory), and stops at the
/// first entry that breaks it. Reads the rows as SQLite holds them, so a row an attacker filled with the wrong kind
/// of value is reported rather than failing the walk.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<MeshDbContext> dbFactory, AuditKeyStore keys)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        var key = keys.KeyFor(CatalogFile.PathOf(connection));
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText =
            // Quoted names: PostgreSQL folds unquoted ones to lower case.
            """SELECT "Id", "At", "Actor", "Action", "Target", "Details", "PreviousHash", "Hash" FROM "AuditEntries" ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync(ct);

        var (count, id, at, hash) = (0L, 0L, DateTime.MinValue, "");
        while (await reader.ReadAsync(ct))
        {
            if (Read(reader) is not { } row)
                return Broken(count, new AuditBreak(id + 1, null, AuditBreakReasons.Unreadable));
            var reasons = AuditBreakReasons.None;
            if (row.Id != id + 1)
                reasons |= AuditBreakReasons.EntriesMissing;
            if (!AuditSeal.AreEqual(hash, row.PreviousHash))
                reasons |= AuditBreakReasons.LinkBroken;
            if (!AuditSeal.AreEqual(AuditSeal.Compute(key, row.Id, row.At, row.Actor, row.Action, row.Target, row.Details, row.PreviousHash), row.Hash))
                reasons |= AuditBreakReasons.ContentChanged;
            if (row.At < at)
                reasons |= AuditBreakReasons.BackDated;
            if (reasons != AuditBreakReasons.None)
                return Broken(count, new AuditBreak(row.Id, row.At, reasons));
            (count, id, at, hash) = (count + 1, row.Id, row.At, row.Hash);
        }
        return new AuditVerification(true, count, count == 0 ? null : id, hash, null);
    }

    private static AuditVerification Broken(long verified, AuditBreak first) => new(false, verified, null, "", first);

    private static Row? Read(DbDataReader reader)
    {
        try
        {
            return new Row(reader.GetInt64(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    private sealed record Row(long Id, DateTime At, string Actor, string Action, string Target, string Details, string PreviousHash, string Hash);
}
