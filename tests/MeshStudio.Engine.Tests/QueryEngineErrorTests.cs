using MeshStudio.Core.Execution;
using MeshStudio.Engine.Query;
using MeshStudio.Engine.Sandbox;

namespace MeshStudio.Engine.Tests;

public sealed class QueryEngineErrorTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private readonly DuckDbQueryEngine _engine = new(lake.Options);

    private Task<SqlException> FailsAsync(string sql, SessionGrant? grant = null) =>
        Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(_engine, grant ?? lake.SalesGrant, sql));

    [Fact]
    public async Task StreamAsync_ParseError_ReportsLineAndColumn()
    {
        var ex = await FailsAsync("SELECT order_id\nFROM sales.orders\nWHERE amount FROM 3");

        Assert.StartsWith("Parser Error: syntax error", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Error.Line);
        Assert.Equal(14, ex.Error.Column);
        Assert.Contains("\"FROM\"", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_ParseErrorAfterNonAsciiText_ReportsTheCharacterColumn()
    {
        var ex = await FailsAsync("SELECT 'Zürich – Genève' AS city, order_id\nFROM sales.orders WHERE 'ü' = city FROM 3");

        Assert.Equal(2, ex.Error.Line);
        Assert.Equal(36, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_UnknownColumn_ReportsBinderErrorWithPositionAndNoSnippet()
    {
        var ex = await FailsAsync("SELECT order_id,\n       amout\nFROM sales.orders");

        Assert.StartsWith("Binder Error: Referenced column \"amout\" not found", ex.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LINE", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Error.Line);
        Assert.Equal(8, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_UnknownColumnLateInLongLine_MapsTruncatedSnippet()
    {
        var padding = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"{i} AS c{i}"));
        var sql = $"SELECT {padding}, nosuchcolumn FROM sales.orders";
        var ex = await FailsAsync(sql);

        Assert.Equal(1, ex.Error.Line);
        Assert.Equal(sql.IndexOf("nosuchcolumn", StringComparison.Ordinal) + 1, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_DeniedRelation_ReportsReasonAtPosition()
    {
        var ex = await FailsAsync("SELECT *\nFROM sales.orders o\nJOIN Marketing.Campaigns c ON true -- marketing.campaigns in a comment is fine");

        Assert.Contains("Only the marketing domain may read its campaigns.", ex.Error.Message, StringComparison.Ordinal);
        Assert.Contains("marketing.campaigns", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Error.Line);
        Assert.Equal(6, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_DeniedNameOnlyInLiteralOrComment_IsNotDenied()
    {
        var rows = await QueryRunner.RowsAsync(_engine, lake.SalesGrant, "SELECT 'marketing.campaigns' AS s /* marketing.campaigns */");
        Assert.Equal("marketing.campaigns", Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task StreamAsync_UnqualifiedDeniedTable_TranslatesMissingTableToReason()
    {
        var ex = await FailsAsync("SELECT * FROM campaigns");

        Assert.Contains("Only the marketing domain may read its campaigns.", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Error.Line);
        Assert.Equal(15, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_UnknownTable_ReportsCatalogErrorWithoutInternalSuggestions()
    {
        var ex = await FailsAsync("SELECT * FROM sales.nope");
        Assert.StartsWith("Catalog Error: Table with name nope does not exist", ex.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pg_catalog", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(15, ex.Error.Column);
    }

    [Theory]
    [InlineData("CREATE TABLE t AS SELECT 1", "CREATE")]
    [InlineData("INSERT INTO t VALUES (1)", "INSERT")]
    [InlineData("COPY (SELECT 1) TO '/tmp/x.csv'", "COPY")]
    [InlineData("ATTACH '/tmp/x.db'", "ATTACH")]
    [InlineData("INSTALL httpfs", "INSTALL")]
    [InlineData("LOAD httpfs", "LOAD")]
    [InlineData("SET threads=8", "SET")]
    [InlineData("PRAGMA threads=8", "PRAGMA")]
    [InlineData("  CALL duckdb_settings()", "CALL")]
    [InlineData("EXPLAIN CREATE TABLE t AS SELECT 1", "CREATE")]
    public async Task StreamAsync_NonReadOnlyStatement_IsRejectedAtItsPosition(string sql, string keyword)
    {
        var ex = await FailsAsync(sql);
        Assert.Contains($"{keyword} statements are not allowed", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Error.Line);
        Assert.Equal(sql.IndexOf(keyword, StringComparison.OrdinalIgnoreCase) + 1, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_TwoStatements_IsRejectedAtTheSecond()
    {
        var ex = await FailsAsync("SELECT 1;\n  SELECT 2");
        Assert.Contains("Only one statement", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Error.Line);
        Assert.Equal(3, ex.Error.Column);
    }

    [Fact]
    public async Task StreamAsync_ReadAnotherDomainsFileByPath_IsPermissionError()
    {
        var file = Path.Combine(lake.PathOf(lake.CampaignsLocation), "data.parquet").Replace('\\', '/');
        var ex = await FailsAsync($"SELECT * FROM read_parquet('{file}')");
        Assert.StartsWith("Permission Error", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_EmptySql_IsRejected()
    {
        var ex = await FailsAsync("  -- nothing\n");
        Assert.Contains("empty", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_OutOfMemory_NamesTheLimit()
    {
        var engine = new DuckDbQueryEngine(lake.WithLimits(new QueryLimits { MemoryLimitMb = 64, MaxTempDirectoryMb = 0 }));
        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(engine, SessionGrant.Empty,
            "SELECT list(repeat('x', 100) || range) FROM range(3000000)"));
        Assert.Contains("64 MB memory limit", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_NonReadOnlyStatementsAreAlsoRefusedWithoutTheGuard()
    {
        using var session = SandboxSession.Open(lake.Layout, new QueryLimits(), lake.SalesGrant);
        foreach (var sql in new[] { "COPY (SELECT 1) TO '/tmp/x.csv'", "ATTACH '/tmp/x.db'", "INSTALL httpfs", "LOAD httpfs", "SET threads=8", "PRAGMA threads=8" })
            Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => session.Execute(sql));
    }
}
