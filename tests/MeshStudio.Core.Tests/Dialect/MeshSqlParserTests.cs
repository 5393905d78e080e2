using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Tests.Dialect;

public class MeshSqlParserTests
{
    private const string Job = """
        CREATE JOB sales.revenue_5m WITH (start_from = 'beginning', run_interval = '2 seconds') AS
        INSERT INTO sales.revenue_by_country KEY (window_start, country)
        SELECT country, sum(amount) AS revenue FROM sales.orders GROUP BY ALL
        """;

    [Fact]
    public void Parse_CreateJob_ReadsNameOptionsTargetKeyAndQuery()
    {
        var job = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse(Job));

        Assert.Equal("sales.revenue_5m", job.Name.ToString());
        Assert.Equal("sales.revenue_by_country", job.Target.ToString());
        Assert.Equal(["window_start", "country"], job.KeyColumns);
        Assert.Equal("beginning", job.Options["start_from"]);
        Assert.Equal(TimeSpan.FromSeconds(2), job.RunInterval);
        Assert.StartsWith("SELECT country", job.Query, StringComparison.Ordinal);
        Assert.Equal(Job.IndexOf("SELECT", StringComparison.Ordinal), job.QueryOffset);
    }

    [Fact]
    public void Parse_JobWithoutKeyOrOptions_IsAppendAndRunsOnce()
    {
        var job = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse("create job sales.j as insert into sales.p select 1 as x"));

        Assert.Empty(job.KeyColumns);
        Assert.Null(job.RunInterval);
        Assert.Equal("select 1 as x", job.Query);
    }

    [Fact]
    public void Parse_JobIntoOtherDomain_ReportsPositionOfTarget()
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse("CREATE JOB sales.j AS\nINSERT INTO marketing.p SELECT 1"));

        Assert.Contains("own domain", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Error.Line);
    }

    [Fact]
    public void Parse_JobWithoutInsert_ReportsWhatWasExpected()
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse("CREATE JOB sales.j AS SELECT 1"));

        Assert.Equal("Expected INSERT, found 'SELECT'.", ex.Error.Message);
        Assert.Equal((1, 23), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void Parse_CreateSource_ReadsColumnsWithParameterisedTypesAndOptions()
    {
        var source = Assert.IsType<CreateSourceStatement>(MeshSqlParser.Parse(
            "CREATE SOURCE sales.orders (order_id VARCHAR, ts TIMESTAMP, amount DECIMAL(10, 2))\n" +
            "  WITH (format = 'json', ingest = 'http', event_time = 'ts', watermark = '5 seconds')"));

        Assert.Equal(["order_id", "ts", "amount"], source.Columns.Select(c => c.Name));
        Assert.Equal("DECIMAL(10, 2)", source.Columns[2].Type);
        Assert.Equal("ts", source.Options["event_time"]);
        Assert.False(source.IsFileSource);
    }

    [Fact]
    public void Parse_FileSourceWithoutColumns_IsAccepted()
    {
        var source = Assert.IsType<CreateSourceStatement>(MeshSqlParser.Parse(
            "CREATE SOURCE crm.customers WITH (format = 'csv', path = 'customers/*.csv')"));

        Assert.True(source.IsFileSource);
        Assert.Equal("csv", source.Format);
    }

    [Fact]
    public void Parse_HttpSourceWithoutColumns_IsAcceptedForInference()
    {
        var source = Assert.IsType<CreateSourceStatement>(MeshSqlParser.Parse(
            "CREATE SOURCE sales.clicks WITH (format = 'json', ingest = 'http')"));

        Assert.False(source.IsFileSource);
        Assert.Empty(source.Columns);
    }

    [Theory]
    [InlineData("CREATE SOURCE orders (a INT)", "Name the source with its domain")]
    [InlineData("CREATE SOURCE sales.Orders (a INT)", "not a valid source name")]
    [InlineData("CREATE SOURCE sales.o (a INT) WITH (format = 'xml', path = 'x')", "Unknown format 'xml'")]
    [InlineData("CREATE SOURCE sales.o (a INT, a INT)", "declared twice")]
    [InlineData("CREATE JOB sales.j WITH (run_interval = 'often') AS INSERT INTO sales.p SELECT 1", "not an interval")]
    [InlineData("SELECT 'unterminated", "Unterminated string literal")]
    public void Parse_BadStatement_SaysWhatIsWrong(string sql, string expected)
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse(sql));

        Assert.Contains(expected, ex.Error.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Error.Line);
    }

    [Fact]
    public void ParseScript_SplitsOnSemicolonsOutsideStringsAndComments()
    {
        var result = MeshSqlParser.ParseScript("""
            -- a comment; with a semicolon
            CREATE SOURCE sales.orders (id VARCHAR, note VARCHAR) WITH (format = 'json');
            /* block; comment */
            CREATE JOB sales.j AS INSERT INTO sales.p SELECT ';' AS s FROM sales.orders;
            SELECT 1
            """);

        Assert.True(result.Succeeded);
        Assert.Collection(result.Statements,
            s => Assert.IsType<CreateSourceStatement>(s),
            s => Assert.Equal("SELECT ';' AS s FROM sales.orders", Assert.IsType<CreateJobStatement>(s).Query),
            s => Assert.Equal("SELECT 1", Assert.IsType<QueryStatement>(s).Sql));
    }

    [Fact]
    public void ParseScript_ErrorInSecondStatement_ReportsScriptLine()
    {
        var result = MeshSqlParser.ParseScript("SELECT 1;\nCREATE JOB sales.j AS SELECT 2;");

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(23, error.Column);
    }
}
