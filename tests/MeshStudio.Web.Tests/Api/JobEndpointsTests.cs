using System.Net;
using System.Text;
using System.Text.Json;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class JobEndpointsTests(MeshAppFactory app)
{
    private static StringContent Script(string sql) => new(sql, Encoding.UTF8, "text/plain");

    private static async Task<JsonElement> DeployAsync(HttpClient client, string script, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsync("/api/domains/sales/pipelines", Script(script))).JsonAsync(expected);

    private static async Task<JsonElement> PostAsync(HttpClient client, string url) =>
        await (await client.PostAsync(url, null)).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Lifecycle_CreateAlterRunPauseBackfillDrop_ThroughTheApi()
    {
        var analyst = app.ClientFor("sales.analyst");
        await DeployAsync(analyst, """
            CREATE JOB sales.api_big_job WITH (run_interval = '1 minute') AS
            INSERT INTO sales.api_big KEY (order_id)
            SELECT order_id, amount FROM sales.orders WHERE amount > 400;
            """);

        var created = await (await analyst.GetAsync("/api/jobs/sales/api_big_job")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("sales.api_big", 1, 60, false), (created.GetProperty("product").GetString(), created.GetProperty("version").GetInt32(),
            created.GetProperty("runIntervalSeconds").GetInt32(), created.GetProperty("isPaused").GetBoolean()));
        Assert.True(created.GetProperty("lastRunSucceeded").GetBoolean());
        Assert.Equal(1, created.GetProperty("recentRuns").GetArrayLength());

        var altered = await DeployAsync(analyst, """
            ALTER JOB sales.api_big_job AS
            INSERT INTO sales.api_big KEY (order_id)
            SELECT order_id, amount, amount * 2 AS doubled FROM sales.orders WHERE amount > 450;
            """);
        Assert.Contains("altered and backfilled", altered.GetProperty("statements")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var versions = await (await analyst.GetAsync("/api/jobs/sales/api_big_job/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.StartsWith("CREATE JOB sales.api_big_job AS", versions[0].GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.Equal("sales.analyst", versions[0].GetProperty("createdBy").GetString());
        var afterAlter = await (await analyst.GetAsync("/api/jobs/sales/api_big_job")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, afterAlter.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, afterAlter.GetProperty("runIntervalSeconds").ValueKind);

        var run = await PostAsync(analyst, "/api/jobs/sales/api_big_job/run");
        Assert.True(run.GetProperty("succeeded").GetBoolean());
        var expected = await analyst.CountAsync("SELECT count(DISTINCT order_id) FROM sales.orders WHERE amount > 450");

        Assert.True((await PostAsync(analyst, "/api/jobs/sales/api_big_job/pause")).GetProperty("isPaused").GetBoolean());
        Assert.True((await (await analyst.GetAsync("/api/jobs/sales/api_big_job")).JsonAsync(HttpStatusCode.OK)).GetProperty("isPaused").GetBoolean());
        Assert.False((await PostAsync(analyst, "/api/jobs/sales/api_big_job/resume")).GetProperty("isPaused").GetBoolean());

        var backfill = await PostAsync(app.ClientFor("sales.owner"), "/api/jobs/sales/api_big_job/backfill");
        Assert.True(backfill.GetProperty("succeeded").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync("/api/jobs/sales/api_big_job")).StatusCode);
        var gone = await (await analyst.GetAsync("/api/jobs/sales/api_big_job")).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("There is no job sales.api_big_job.", gone.GetProperty("detail").GetString());
        var product = await (await analyst.GetAsync("/api/products/sales/api_big")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, product.GetProperty("rowCount").GetInt64());
    }

    [Fact]
    public async Task OtherDomainsAndConsumers_AreForbidden_WithAClearMessage()
    {
        var marketing = app.ClientFor("marketing.owner");
        var consumer = app.ClientFor("consumer");

        var read = await (await marketing.GetAsync("/api/jobs/sales/revenue_by_country_job")).JsonAsync(HttpStatusCode.Forbidden);
        var versions = await consumer.GetAsync("/api/jobs/sales/revenue_by_country_job/versions");
        var run = await consumer.PostAsync("/api/jobs/sales/revenue_by_country_job/run", null);
        var drop = await marketing.DeleteAsync("/api/jobs/sales/revenue_by_country_job");
        var pause = await marketing.PostAsync("/api/jobs/sales/revenue_by_country_job/pause", null);

        Assert.Equal("Only members of the sales domain can see its jobs.", read.GetProperty("detail").GetString());
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { versions.StatusCode, run.StatusCode, drop.StatusCode, pause.StatusCode });
        var job = await (await app.ClientFor("sales.analyst").GetAsync("/api/jobs/sales/revenue_by_country_job")).JsonAsync(HttpStatusCode.OK);
        Assert.False(job.GetProperty("isPaused").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "/api/jobs/sales/revenue_by_country_job")]
    [InlineData("GET", "/api/jobs/sales/revenue_by_country_job/versions")]
    [InlineData("POST", "/api/jobs/sales/revenue_by_country_job/run")]
    [InlineData("DELETE", "/api/jobs/sales/revenue_by_country_job")]
    public async Task Anonymous_IsUnauthorized(string method, string url) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).StatusCode);

    [Theory]
    [InlineData("GET", "/api/jobs/sales/no_such_job")]
    [InlineData("GET", "/api/jobs/sales/no_such_job/versions")]
    [InlineData("POST", "/api/jobs/sales/no_such_job/backfill")]
    [InlineData("DELETE", "/api/jobs/sales/no_such_job")]
    [InlineData("GET", "/api/jobs/sales/Not-A-Name")]
    public async Task MissingJob_IsNotFound(string method, string url)
    {
        var response = await app.ClientFor("sales.analyst").SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        var problem = await response.JsonAsync(HttpStatusCode.NotFound);
        Assert.Contains("sales.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_AlterToAnotherProductOrMissingDrop_ReportsTheStatementPosition()
    {
        var analyst = app.ClientFor("sales.analyst");
        await DeployAsync(analyst, "CREATE JOB sales.api_small_job AS INSERT INTO sales.api_small SELECT order_id FROM sales.orders WHERE amount < 5");

        var other = await DeployAsync(analyst,
            "\nALTER JOB sales.api_small_job AS INSERT INTO sales.api_other SELECT order_id FROM sales.orders", HttpStatusCode.BadRequest);
        var missing = await DeployAsync(analyst, "DROP JOB sales.api_missing_job", HttpStatusCode.BadRequest);
        var ifExists = await DeployAsync(analyst, "DROP JOB IF EXISTS sales.api_missing_job;\nDROP JOB sales.api_small_job");

        var error = other.GetProperty("statements")[0].GetProperty("error");
        Assert.Equal((2, 1), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Contains("ALTER JOB must keep writing it", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/products/sales/api_other")).StatusCode);
        Assert.Contains("There is no job sales.api_missing_job", missing.GetProperty("statements")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["There is no job sales.api_missing_job; nothing to drop.", "Job sales.api_small_job dropped; the product it wrote keeps its data."],
            ifExists.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("message").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/products/sales/api_small")).StatusCode);
    }

    [Fact]
    public async Task Deploy_AlterWithBadColumn_ReportsItsPositionAndKeepsTheVersion()
    {
        var analyst = app.ClientFor("sales.analyst");
        await DeployAsync(analyst, "CREATE JOB sales.api_typo_job AS INSERT INTO sales.api_typo SELECT order_id FROM sales.orders");

        var result = await DeployAsync(analyst, "ALTER JOB sales.api_typo_job AS\nINSERT INTO sales.api_typo\nSELECT order_id, nope FROM sales.orders",
            HttpStatusCode.BadRequest);

        var error = result.GetProperty("statements")[0].GetProperty("error");
        Assert.Equal((3, 18), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        var versions = await (await analyst.GetAsync("/api/jobs/sales/api_typo_job/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, versions.GetArrayLength());
    }
}
