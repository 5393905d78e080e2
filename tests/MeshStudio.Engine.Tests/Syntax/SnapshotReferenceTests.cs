using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public class SnapshotReferenceTests
{
    private static readonly QualifiedName Revenue = new("sales", "revenue");

    private static readonly DuckDbSqlParser Parser = new();

    /// <summary>The rewriter under test, on DuckDB's parser.</summary>
    private static class StreamingRewriter
    {
        public static StreamingRewrite Rewrite(string sql, Func<string, string?>? eventTimeOf = null) =>
            global::MeshStudio.Core.Dialect.StreamingRewriter.Rewrite(Parser, sql, eventTimeOf);
    }

    /// <summary>The rewriter under test, on DuckDB's parser.</summary>
    private static class SnapshotReferences
    {
        public static SnapshotRewrite Rewrite(string sql, Func<QualifiedName, bool>? isTaken = null) =>
            global::MeshStudio.Core.Dialect.SnapshotReferences.Rewrite(Parser, sql, isTaken);

        public static QualifiedName GeneratedName(QualifiedName product, int index) =>
            global::MeshStudio.Core.Dialect.SnapshotReferences.GeneratedName(product, index);
    }

    [Fact]
    public void Rewrite_NoCall_ReturnsSqlUnchanged()
    {
        const string sql = "SELECT snapshot FROM sales.revenue";

        var rewrite = SnapshotReferences.Rewrite(sql);

        Assert.Same(sql, rewrite.Sql);
        Assert.Empty(rewrite.References);
        Assert.False(rewrite.Text.Changed);
    }

    [Fact]
    public void Rewrite_StepsBack_ReplacesCallByGeneratedNameAndKeepsAlias()
    {
        const string sql = "SELECT count(*) FROM SNAPSHOT(sales.revenue, 1) AS r";

        var rewrite = SnapshotReferences.Rewrite(sql);

        Assert.Equal("SELECT count(*) FROM sales.revenue__at_0 AS r", rewrite.Sql);
        var reference = Assert.Single(rewrite.References);
        Assert.Equal(Revenue, reference.Product);
        Assert.Equal(1, reference.StepsBack);
        Assert.Null(reference.AsOf);
        Assert.Equal(new QualifiedName("sales", "revenue__at_0"), reference.Relation);
        Assert.Equal(sql.IndexOf("SNAPSHOT", StringComparison.Ordinal), reference.Offset);
        Assert.Equal(sql.IndexOf("sales.", StringComparison.Ordinal), reference.ProductOffset);
        Assert.Equal(sql.IndexOf("1)", StringComparison.Ordinal), reference.PointOffset);
    }

    [Fact]
    public void Rewrite_Timestamp_IsReadAsUtc()
    {
        var rewrite = SnapshotReferences.Rewrite("FROM snapshot(Sales.Revenue, TIMESTAMP '2026-11-25 10:00:00')");

        var reference = Assert.Single(rewrite.References);
        Assert.Equal(Revenue, reference.Product);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), reference.AsOf);
        Assert.Equal(DateTimeKind.Utc, reference.AsOf!.Value.Kind);
        Assert.Equal("SNAPSHOT(sales.revenue, TIMESTAMP '2026-11-25 10:00:00')", reference.Describe());
    }

    [Fact]
    public void Rewrite_TimestampWithOffset_IsConvertedToUtc()
    {
        var rewrite = SnapshotReferences.Rewrite("FROM SNAPSHOT(sales.revenue, TIMESTAMPTZ '2026-11-25 12:00:00+02:00')");

        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), Assert.Single(rewrite.References).AsOf);
    }

    [Fact]
    public void Rewrite_SameCallTwice_SharesOneName_DifferentCallsGetTheirOwn()
    {
        var rewrite = SnapshotReferences.Rewrite(
            "SELECT * FROM SNAPSHOT(sales.revenue, 1) a JOIN SNAPSHOT(sales.revenue, 2) b USING (country) " +
            "JOIN SNAPSHOT(sales.revenue, 1) c USING (country) JOIN sales.revenue d USING (country)");

        Assert.Equal(
            "SELECT * FROM sales.revenue__at_0 a JOIN sales.revenue__at_1 b USING (country) " +
            "JOIN sales.revenue__at_0 c USING (country) JOIN sales.revenue d USING (country)", rewrite.Sql);
        Assert.Equal([1, 2], rewrite.References.Select(r => r.StepsBack!.Value));
    }

    [Fact]
    public void Rewrite_TakenNames_AreSkipped()
    {
        var rewrite = SnapshotReferences.Rewrite(
            "SELECT revenue__at_1 FROM SNAPSHOT(sales.revenue, 0)", n => n.Name == "revenue__at_0");

        Assert.Equal("SELECT revenue__at_1 FROM sales.revenue__at_2", rewrite.Sql);
    }

    [Fact]
    public void GeneratedName_OfALongProduct_StaysAValidIdentifier()
    {
        var name = SnapshotReferences.GeneratedName(new QualifiedName("sales", new string('p', 63)), 12);

        Assert.True(QualifiedName.IsValidIdentifier(name.Name));
        Assert.EndsWith("__at_12", name.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_CallsInStringsCommentsQuotedIdentifiersAndQualifiedFunctions_AreUntouched()
    {
        const string sql = "SELECT 'SNAPSHOT(sales.revenue, 1)', \"SNAPSHOT\"(1), x.snapshot(2) -- SNAPSHOT(sales.revenue, 1)\nFROM t";

        var rewrite = SnapshotReferences.Rewrite(sql);

        Assert.Equal(sql, rewrite.Sql);
        Assert.Empty(rewrite.References);
    }

    [Fact]
    public void MapError_AfterTheCall_IsShiftedBack_InsideTheCall_PointsAtTheCall()
    {
        const string sql = "SELECT nope\nFROM SNAPSHOT(sales.revenue, TIMESTAMP '2026-11-25 10:00:00') r WHERE r.missing > 1";
        var rewrite = SnapshotReferences.Rewrite(sql);
        Assert.Equal("SELECT nope\nFROM sales.revenue__at_0 r WHERE r.missing > 1", rewrite.Sql);

        var after = rewrite.Text.MapError(new SqlError("missing", 2, rewrite.Sql.Split('\n')[1].IndexOf("r.missing", StringComparison.Ordinal) + 1));
        var inside = rewrite.Text.MapError(new SqlError("bad", 2, 8));
        var before = rewrite.Text.MapError(new SqlError("nope", 1, 8));

        Assert.Equal((2, sql.Split('\n')[1].IndexOf("r.missing", StringComparison.Ordinal) + 1), (after.Line!.Value, after.Column!.Value));
        Assert.Equal((2, 6), (inside.Line!.Value, inside.Column!.Value));
        Assert.Equal((1, 8), (before.Line!.Value, before.Column!.Value));
    }

    [Theory]
    [InlineData("FROM SNAPSHOT(sales.revenue, 1", "missing its closing parenthesis", 6)]
    [InlineData("FROM SNAPSHOT()", "takes 2 arguments", 15)]
    [InlineData("FROM SNAPSHOT(sales.revenue)", "takes 2 arguments", 28)]
    [InlineData("FROM SNAPSHOT(sales.revenue, 1, 2)", "takes 2 arguments", 31)]
    [InlineData("FROM SNAPSHOT(sales.revenue, )", "Missing argument", 30)]
    [InlineData("FROM SNAPSHOT(revenue, 1)", "must be a product named domain.product", 15)]
    [InlineData("FROM SNAPSHOT((SELECT 1), 1)", "must be a product named domain.product", 15)]
    [InlineData("FROM SNAPSHOT(sales.revenue, -1)", "cannot be negative", 30)]
    [InlineData("FROM SNAPSHOT(sales.revenue, 1.5)", "whole number", 30)]
    [InlineData("FROM SNAPSHOT(sales.revenue, now())", "must be a time", 30)]
    [InlineData("FROM SNAPSHOT(sales.revenue, '2026-11-25')", "must be a time", 30)]
    [InlineData("FROM SNAPSHOT(sales.revenue, TIMESTAMP 'yesterday')", "is not a timestamp", 40)]
    public void Rewrite_MalformedCall_IsReportedAtTheArgument(string sql, string message, int column)
    {
        var error = Assert.Throws<SqlException>(() => SnapshotReferences.Rewrite(sql)).Error;

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Rewrite_ThenStreamingRewrite_ComposeInsideTumble()
    {
        var snapshots = SnapshotReferences.Rewrite("SELECT * FROM TUMBLE(SNAPSHOT(sales.orders_out, 1), ts, INTERVAL '1 minute')");
        var streaming = StreamingRewriter.Rewrite(snapshots.Sql);

        Assert.Contains("FROM sales.orders_out__at_0 AS __mesh_src", streaming.Sql, StringComparison.Ordinal);
    }
}
