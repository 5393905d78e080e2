using System.Net;
using System.Text;
using MeshStudio.Web.Api;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class PipelineEndpointsTests(MeshAppFactory app)
{
    private static StringContent Script(string sql) => new(sql, Encoding.UTF8, "text/plain");

    [Fact]
    public async Task Deploy_SourceAndJob_CreatesDraftProductWithData()
    {
        var analyst = app.ClientFor("sales.analyst");

        var result = await (await analyst.PostAsync("/api/domains/sales/pipelines", Script("""
            CREATE SOURCE sales.returns (order_id VARCHAR, ts TIMESTAMP, reason VARCHAR)
              WITH (format = 'json', ingest = 'http');
            CREATE JOB sales.big_orders_job AS
            INSERT INTO sales.big_orders KEY (order_id)
            SELECT order_id, amount FROM sales.orders WHERE amount > 400;
            """))).JsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("succeeded").GetBoolean());
        var product = await (await analyst.GetAsync("/api/products/sales/big_orders")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Draft", product.GetProperty("status").GetString());
        Assert.Equal(await analyst.CountAsync("SELECT count(DISTINCT order_id) FROM sales.orders WHERE amount > 400"),
            product.GetProperty("rowCount").GetInt64());
    }

    [Fact]
    public async Task Deploy_JobWithUnknownColumn_ReportsScriptPositionAndAppliesNothing()
    {
        var response = await app.ClientFor("sales.analyst").PostAsync("/api/domains/sales/pipelines", Script(
            "CREATE JOB sales.broken_job AS\nINSERT INTO sales.broken\nSELECT order_id, nope FROM sales.orders"));

        var result = await response.JsonAsync(HttpStatusCode.BadRequest);
        var error = result.GetProperty("statements")[0].GetProperty("error");
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal(18, error.GetProperty("column").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("sales.analyst").GetAsync("/api/products/sales/broken")).StatusCode);
    }

    [Fact]
    public async Task Deploy_IntoAnotherDomain_Is403()
    {
        var result = await (await app.ClientFor("sales.analyst").PostAsync("/api/domains/marketing/pipelines", Script(
            "CREATE JOB marketing.j AS INSERT INTO marketing.p SELECT 1 AS x"))).JsonAsync(HttpStatusCode.Forbidden);

        Assert.Contains("Only analysts and owners of the marketing domain", result.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Consumer_Is403()
    {
        var response = await app.ClientFor("consumer").PostAsync("/api/domains/sales/pipelines", Script(
            "CREATE SOURCE sales.consumer_src (id VARCHAR) WITH (format = 'json', ingest = 'http')"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deploy_HugeScriptFromNonMember_Is403BeforeTheBodyIsRead()
    {
        var body = new RecordingContent("-- x\n", 20 * 1024 * 1024, "text/plain");

        var response = await app.ClientFor("sales.analyst").PostAsync("/api/domains/marketing/pipelines", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(body.BytesSent < 2 * 1024 * 1024, $"The server read {body.BytesSent:N0} bytes of a refused request.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deploy_ScriptOverTheLimit_Is413(bool withLength)
    {
        var script = "-- " + new string('x', PipelineEndpoints.MaxScriptBytes) + "\nCREATE SOURCE sales.big_src (id VARCHAR) WITH (format = 'json', ingest = 'http')";
        HttpContent body = withLength ? Script(script) : new RecordingContent("-- x\n", 2 * PipelineEndpoints.MaxScriptBytes, "text/plain");

        var problem = await (await app.ClientFor("sales.analyst").PostAsync("/api/domains/sales/pipelines", body)).JsonAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("at most 1024 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var read = await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql = "SELECT * FROM sales.big_src" });
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }
}
