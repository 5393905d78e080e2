using MeshStudio.Core.Dialect;

namespace MeshStudio.Core.Tests.Dialect;

public class JobStatementBuilderTests
{
    [Fact]
    public void Build_FormValues_ParseBackAsTheJobTheFormDescribes()
    {
        var sql = JobStatementBuilder.Build("sales", " top_countries ", "country, day", "5 seconds", "SELECT country, day FROM sales.orders");

        var job = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse(sql));
        Assert.Equal("sales.top_countries_job", job.Name.ToString());
        Assert.Equal("sales.top_countries", job.Target.ToString());
        Assert.Equal(["country", "day"], job.KeyColumns);
        Assert.Equal(TimeSpan.FromSeconds(5), job.RunInterval);
        Assert.Equal("SELECT country, day FROM sales.orders", job.Query.Trim());
    }

    [Fact]
    public void Build_IntervalWithAQuote_StaysOneLiteral()
    {
        var sql = JobStatementBuilder.Build("sales", "p", null, "5 seconds') AS x --", "SELECT 1");

        Assert.Contains("run_interval = '5 seconds'') AS x --'", sql, StringComparison.Ordinal);
    }
}
