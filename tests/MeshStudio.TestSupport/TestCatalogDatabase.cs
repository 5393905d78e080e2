using MeshStudio.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MeshStudio.TestSupport;

/// <summary>
/// The database of one test's catalog: in-memory SQLite, or, when <see cref="PostgresVariable"/> names a PostgreSQL
/// server (scripts/test.sh starts one and runs the catalog tests a second time), a new database on it, dropped at the end.
/// </summary>
public sealed class TestCatalogDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "MESHSTUDIO_TEST_POSTGRES";

    private readonly SqliteConnection? _sqlite;
    private readonly string? _postgresDatabase;

    private TestCatalogDatabase(Action<DbContextOptionsBuilder> configure, SqliteConnection? sqlite, string? postgresDatabase)
    {
        Configure = configure;
        _sqlite = sqlite;
        _postgresDatabase = postgresDatabase;
    }

    /// <summary>Points a context's options at this database.</summary>
    public Action<DbContextOptionsBuilder> Configure { get; }

    /// <summary>True in the PostgreSQL run of the tests.</summary>
    public static bool OnPostgreSql => PostgresServer is not null;

    private static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    public static async Task<TestCatalogDatabase> CreateAsync()
    {
        if (PostgresServer is { } server)
        {
            var name = "meshstudio_test_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(server, $"CREATE DATABASE {name}");
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            return new TestCatalogDatabase(
                o => DependencyInjection.Use(o, new CatalogOptions(CatalogProvider.PostgreSQL, connectionString)), null, name);
        }
        // The open connection keeps the in-memory database alive for the test's lifetime.
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        return new TestCatalogDatabase(o => o.UseSqlite(connection), connection, null);
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
            await _sqlite.DisposeAsync();
        if (_postgresDatabase is not null && PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
        }
    }
}
