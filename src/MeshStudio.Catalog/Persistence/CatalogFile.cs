using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MeshStudio.Catalog.Persistence;

/// <summary>Where the catalog database lives on disk, if it does (an in-memory catalog has no file).</summary>
internal static class CatalogFile
{
    /// <summary>The full path of the database file, or null for an in-memory database or a database server.</summary>
    public static string? PathOf(DbConnection connection)
    {
        if (connection is not SqliteConnection)
            return null;
        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return null;
        return Path.GetFullPath(source);
    }

    /// <summary>The files SQLite keeps beside the database (write-ahead log, shared memory, rollback journal).</summary>
    public static IEnumerable<string> Siblings(string databasePath) =>
        SiblingSuffixes.Select(suffix => databasePath + suffix);

    private static readonly string[] SiblingSuffixes = ["-wal", "-shm", "-journal"];
}
