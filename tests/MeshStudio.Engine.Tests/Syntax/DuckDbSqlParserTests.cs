using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public sealed class DuckDbSqlParserTests
{
    private static readonly DuckDbSqlParser Parser = new();

    [Fact]
    public void Parse_SyntaxErrorInAJob_IsAtItsLineAndColumnInTheScript()
    {
        const string script = """
            CREATE JOB sales.revenue_job AS
            INSERT INTO sales.revenue KEY (country)
            SELECT country, sum(amount) AS revenue
            FROM sales.orders o LEFT JOIN LATEST crm.customers c ON c.customer_id = o.customer_id
            GRUOP BY country;
            """;
        var job = (CreateJobStatement)MeshSqlParser.Parse(script);

        var error = SqlPositions.Shift(Parser.Parse(job.Query).Error!, script, job.QueryOffset);

        Assert.Equal((5, 1), (error.Line, error.Column));
        Assert.Equal("Syntax error at or near \"GRUOP\".", error.Message);
    }

    [Fact]
    public void Parse_NonAsciiText_PositionsCountCharactersNotBytes()
    {
        const string sql = "SELECT 'Zürich – Genève' AS city, amount FROM sales.orders";
        var error = Parser.Parse("SELECT 'Zürich – Genève' AS city,\n       'ü' AS x y").Error!;
        var from = ((Core.Dialect.Syntax.SelectNode)Parser.Parse(sql).Query!).From!;

        Assert.Equal((2, 17), (error.Line, error.Column));
        Assert.Equal(sql.IndexOf("sales", StringComparison.Ordinal), from.Offset);
    }

    [Fact]
    public void Parse_ConcurrentCallers_EachGetTheirOwnTree()
    {
        var queries = Enumerable.Range(0, 64).Select(i => $"SELECT c{i} FROM sales.t{i % 7}").ToList();

        var results = queries.AsParallel().WithDegreeOfParallelism(8).Select(q => (q, Tree: Parser.Parse(q).Query)).ToList();

        Assert.All(results, r => Assert.Equal(r.q.Split(' ')[^1], Core.Dialect.Syntax.QueryRelations.Of(r.Tree!).Single().Name));
    }
}
