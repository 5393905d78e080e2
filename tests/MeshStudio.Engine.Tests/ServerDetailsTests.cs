using MeshStudio.Core.Execution;
using MeshStudio.Engine.Query;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Tests;

/// <summary>Users see their data, never how the server is set up: absolute folders, settings, view definitions.</summary>
public sealed class ServerDetailsTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private readonly DuckDbQueryEngine _engine = new(lake.Options);

    [Theory]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings")]
    [InlineData("SELECT value FROM duckdb_settings() WHERE name = 'allowed_directories'", "duckdb_settings")]
    [InlineData("SELECT sql FROM duckdb_views()", "duckdb_views")]
    [InlineData("SELECT sql FROM duckdb_views", "duckdb_views")]
    [InlineData("SELECT * FROM duckdb_databases()", "duckdb_databases")]
    [InlineData("SELECT * FROM duckdb_extensions()", "duckdb_extensions")]
    [InlineData("SELECT * FROM duckdb_secrets()", "duckdb_secrets")]
    [InlineData("SELECT * FROM duckdb_temporary_files()", "duckdb_temporary_files")]
    [InlineData("SELECT current_setting('temp_directory')", "current_setting")]
    [InlineData("SELECT getenv('HOME')", "getenv")]
    [InlineData("SELECT * FROM glob('/tmp/*')", "glob")]
    [InlineData("SELECT * FROM pragma_database_list", "pragma_database_list")]
    [InlineData("SELECT * FROM pragma_database_list()", "pragma_database_list")]
    [InlineData("SELECT view_definition FROM information_schema.views", "information_schema")]
    [InlineData("SELECT * FROM pg_catalog.pg_settings", "pg_catalog")]
    [InlineData("SELECT * FROM pg_views", "pg_views")]
    [InlineData("SELECT sql FROM sqlite_master", "sqlite_master")]
    [InlineData("SELECT * FROM query('SELECT * FROM duckdb_settings()')", "query")]
    [InlineData("WITH s AS (SELECT * FROM sales.orders WHERE country IN (SELECT value FROM duckdb_settings())) SELECT * FROM s", "duckdb_settings")]
    public async Task StreamAsync_ServerIntrospection_IsRefusedAndNamed(string sql, string name)
    {
        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(_engine, lake.SalesGrant, sql));

        Assert.Equal($"{name} shows how the server is set up and is not available in queries.", ex.Error.Message);
        Assert.NotNull(ex.Error.Line);
    }

    [Theory]
    [InlineData("EXPLAIN SELECT * FROM sales.revenue")]
    [InlineData("DESCRIBE sales.revenue")]
    [InlineData("SHOW ALL TABLES")]
    [InlineData("SELECT pg_typeof(1), * FROM sales.revenue")]
    public async Task StreamAsync_AllowedMetadata_ShowsNoServerFolder(string sql)
    {
        var rows = await QueryRunner.RowsAsync(_engine, lake.SalesGrant, sql);

        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows.SelectMany(r => r), v => v?.ToString()?.Contains(lake.Root, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task StreamAsync_ErrorNamingALakeFile_ShowsTheLakeAsANeutralName()
    {
        var file = Path.Combine(lake.PathOf(lake.RevenueLocation), "missing.parquet").Replace('\\', '/');

        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(_engine, lake.SalesGrant, $"SELECT * FROM read_parquet('{file}')"));

        Assert.DoesNotContain(lake.Root, ex.Error.Message, StringComparison.Ordinal);
        Assert.Contains("<lake>/sales/products/revenue/", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_ProductWhoseFilesAreGone_FailsWithoutTheLakeFolder()
    {
        var gone = new ReadableRelation(LakeFixture.Revenue, RelationKind.Product, Location: "sales/products/revenue/snap-20200101000000000-deadbeef/");

        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(_engine, new SessionGrant([gone]), "SELECT * FROM sales.revenue"));

        Assert.DoesNotContain(lake.Root, ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hide_HomeAndTempFolders_BecomeNeutralNames()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var temp = Path.Combine(Path.GetTempPath(), "x.parquet");

        Assert.Equal("~/secret.txt and <temp>/x.parquet", ServerPaths.Hide($"{home}/secret.txt and {temp}", lake.Root));
    }

    [Fact]
    public async Task StreamAsync_TestAllTypes_NamesTheColumnToCast()
    {
        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(_engine, SessionGrant.Empty, "SELECT * FROM test_all_types()"));

        Assert.StartsWith("Column \"date\" (DATE) holds a value that cannot be sent as a result", ex.Error.Message, StringComparison.Ordinal);
        Assert.EndsWith("CAST(\"date\" AS VARCHAR).", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_TestAllTypesAsText_ConvertsEveryValue()
    {
        var rows = await QueryRunner.RowsAsync(_engine, SessionGrant.Empty, "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM test_all_types()");

        Assert.Equal(3, rows.Count);
        Assert.All(rows.SelectMany(r => r), v => Assert.True(v is null or string));
    }

    [Fact]
    public async Task StreamAsync_CommonTypesOfTestAllTypes_AreJsonFriendly()
    {
        var rows = await QueryRunner.RowsAsync(_engine, SessionGrant.Empty,
            "SELECT bool, tinyint, smallint, int, bigint, hugeint, uhugeint, utinyint, usmallint, uint, ubigint, bignum, " +
            "float, double, dec_4_1, dec38_10, uuid, varchar, blob, bit, small_enum, varchar_array, " +
            "struct, map, fixed_varchar_array FROM test_all_types()");

        Assert.Equal(3, rows.Count);
        Assert.All(rows.SelectMany(r => r), v => Assert.True(v is null or string or bool or decimal or double or float or long or int or short or sbyte or byte or ushort or uint, v?.GetType().Name));
    }
}
