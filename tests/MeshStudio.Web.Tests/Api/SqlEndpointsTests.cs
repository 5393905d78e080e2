using System.Net;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class SqlEndpointsTests(MeshAppFactory app)
{
    [Fact]
    public async Task Sql_MemberQueriesOwnSource_ReturnsColumnsAndRows()
    {
        var json = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT country, count(*) AS n FROM sales.orders GROUP BY ALL ORDER BY n DESC", maxRows = 5 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["country", "n"], json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.InRange(json.GetProperty("rows").GetArrayLength(), 1, 5);
    }

    [Fact]
    public async Task Sql_UnknownColumn_ReportsLineAndColumn()
    {
        var problem = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT amount,\n       nope\nFROM sales.orders" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("nope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal(8, problem.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Sql_OtherDomainsSource_IsRefusedWithReason()
    {
        var problem = await (await app.ClientFor("consumer").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT * FROM sales.orders" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("internal to the sales domain", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_ReadingLakeFilesByPath_IsRefusedBySandbox()
    {
        var lake = Path.Combine(app.DataPath, "lake");
        var problem = await (await app.ClientFor("marketing.owner").PostAsJsonAsync("/api/sql",
            new { sql = $"SELECT * FROM read_json_auto('{lake}/sales/sources/orders/*.ndjson')" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("ermission", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("COPY (SELECT 1) TO '/tmp/out.csv'")]
    [InlineData("ATTACH '/tmp/x.db'")]
    [InlineData("INSTALL httpfs")]
    public async Task Sql_EscapingTheSandbox_IsRefused(string sql)
    {
        var response = await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sql_CreateJob_IsRefusedWithAHint()
    {
        var problem = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "CREATE JOB sales.j AS INSERT INTO sales.p SELECT 1" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("deployed, not run as a query", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
