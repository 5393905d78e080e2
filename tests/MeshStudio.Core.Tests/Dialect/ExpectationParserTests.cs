using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Tests.Dialect;

public class ExpectationParserTests
{
    private const string Job = """
        CREATE JOB sales.revenue_5m AS
        INSERT INTO sales.revenue KEY (country)
        SELECT country, sum(amount) AS revenue FROM sales.orders GROUP BY ALL
        WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
        WITH EXPECTATION known_country EXPECT country IN ('US', 'DE') AND (amount < 1000) ON VIOLATION warn
        WITH EXPECTATION has_id EXPECT order_id IS NOT NULL ON VIOLATION FAIL
        """;

    [Fact]
    public void Parse_JobWithExpectations_CutsClausesFromQuery()
    {
        var job = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse(Job));

        Assert.Equal("SELECT country, sum(amount) AS revenue FROM sales.orders GROUP BY ALL", job.Query);
        Assert.Equal(Job.IndexOf("SELECT", StringComparison.Ordinal), job.QueryOffset);
        Assert.Equal(
            [("positive_amount", "amount >= 0", ExpectationAction.Drop),
             ("known_country", "country IN ('US', 'DE') AND (amount < 1000)", ExpectationAction.Warn),
             ("has_id", "order_id IS NOT NULL", ExpectationAction.Fail)],
            job.Expectations.Select(e => (e.Name, e.Predicate, e.Action)));
        Assert.All(job.Expectations, e => Assert.Equal(e.Predicate, Job.Substring(e.PredicateOffset, e.Predicate.Length)));
    }

    [Fact]
    public void Parse_JobWithoutExpectations_HasEmptyList()
    {
        var job = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse("CREATE JOB s.j AS INSERT INTO s.p SELECT 1 AS x"));

        Assert.Empty(job.Expectations);
        Assert.Equal("SELECT 1 AS x", job.Query);
    }

    [Fact]
    public void Parse_WithExpectationInsideStringsCommentsOrParentheses_IsPartOfQuery()
    {
        const string sql = """
            CREATE JOB s.j AS INSERT INTO s.p
            SELECT 'WITH EXPECTATION x' AS a, (SELECT 1 WITH_EXPECTATION) AS b -- WITH EXPECTATION y
            FROM s.src /* WITH EXPECTATION z */
            WITH EXPECTATION ok EXPECT a <> 'ON VIOLATION DROP' ON VIOLATION WARN
            """;

        var job = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse(sql));

        Assert.EndsWith("FROM s.src", job.Query, StringComparison.Ordinal);
        var expectation = Assert.Single(job.Expectations);
        Assert.Equal("a <> 'ON VIOLATION DROP'", expectation.Predicate);
        Assert.Equal(ExpectationAction.Warn, expectation.Action);
    }

    [Fact]
    public void ParseScript_SecondStatementWithExpectation_OffsetsAreScriptPositions()
    {
        const string script = "CREATE SOURCE s.src (a INT) WITH (format = 'json', ingest = 'http');\nCREATE JOB s.j AS INSERT INTO s.p SELECT a FROM s.src WITH EXPECTATION pos EXPECT a > 0 ON VIOLATION DROP;";

        var result = MeshSqlParser.ParseScript(script);

        var job = Assert.IsType<CreateJobStatement>(result.Statements[1]);
        Assert.Equal(script.IndexOf("a > 0", StringComparison.Ordinal), job.Expectations[0].PredicateOffset);
        Assert.Equal(script.IndexOf("SELECT a", StringComparison.Ordinal), job.QueryOffset);
    }

    [Theory]
    [InlineData("WITH EXPECTATION pos a > 0 ON VIOLATION DROP", "Expected EXPECT", "a > 0")]
    [InlineData("WITH EXPECTATION pos EXPECT a > 0 ON VIOLATION SKIP", "Unknown action 'SKIP' for expectation pos", "SKIP")]
    [InlineData("WITH EXPECTATION pos EXPECT a > 0 ON VIOLATION", "Unknown action nothing", "VIOLATION")]
    [InlineData("WITH EXPECTATION pos EXPECT a > 0", "needs ON VIOLATION", "pos")]
    [InlineData("WITH EXPECTATION pos EXPECT ON VIOLATION DROP", "Expected the predicate of expectation pos", "ON VIOLATION")]
    [InlineData("WITH EXPECTATION pos EXPECT a > 0 ON VIOLATION DROP WITH EXPECTATION POS EXPECT a < 9 ON VIOLATION WARN", "Expectation POS is declared twice", "POS")]
    [InlineData("WITH EXPECTATION pos EXPECT (a > 0 ON VIOLATION DROP", "needs ON VIOLATION", "pos")]
    [InlineData("WITH EXPECTATION pos EXPECT a > 0) ON VIOLATION DROP", "Unbalanced ')'", ")")]
    [InlineData("WITH EXPECTATION pos EXPECT a > 0 ON VIOLATION DROP extra", "Expected WITH, found 'extra'", "extra")]
    [InlineData("WITH EXPECTATION \"bad name\" EXPECT a > 0 ON VIOLATION DROP", "not a valid expectation name", "\"bad name\"")]
    public void Parse_MalformedExpectation_ReportsErrorAtPosition(string clause, string message, string at)
    {
        var sql = "CREATE JOB s.j AS INSERT INTO s.p\nSELECT a FROM s.src\n" + clause;

        var error = Assert.Throws<SqlException>(() => MeshSqlParser.Parse(sql)).Error;

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var expectedColumn = clause.LastIndexOf(at, StringComparison.Ordinal) + 1;
        if (at == "VIOLATION")
            expectedColumn = clause.Length + 1; // the end of the statement
        Assert.Equal((3, expectedColumn), (error.Line!.Value, error.Column!.Value));
    }

    [Fact]
    public void Parse_OnlyExpectationsAfterKey_ReportsMissingSelect()
    {
        var error = Assert.Throws<SqlException>(() =>
            MeshSqlParser.Parse("CREATE JOB s.j AS INSERT INTO s.p WITH EXPECTATION pos EXPECT a > 0 ON VIOLATION DROP")).Error;

        Assert.Contains("Expected the job's SELECT", error.Message, StringComparison.Ordinal);
    }
}
