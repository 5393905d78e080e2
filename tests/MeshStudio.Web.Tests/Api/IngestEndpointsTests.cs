using System.Net;
using System.Text;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class IngestEndpointsTests(MeshAppFactory app)
{
    private const string CountOrders = "SELECT count(*) FROM sales.orders";

    private static HttpRequestMessage Post(string body, string? key, string source = "orders") =>
        new(HttpMethod.Post, $"/api/ingest/sales/{source}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            Headers = { { "X-Api-Key", key ?? "" } },
        };

    [Fact]
    public async Task Ingest_ValidNdjson_IsAcceptedAndQueryable()
    {
        var analyst = app.ClientFor("sales.analyst");
        var before = await analyst.CountAsync(CountOrders);

        var response = await app.AnonymousClient().SendAsync(Post(
            "{\"order_id\":\"t1\",\"ts\":\"2026-11-25T10:00:00.5Z\",\"country\":\"USA\",\"amount\":12.5}\n" +
            "{\"order_id\":\"t2\",\"ts\":\"2026-11-25T10:00:01Z\",\"country\":\"DE\",\"amount\":\"7\"}\n",
            app.ApiKey("sales")));

        Assert.Equal(2, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("accepted").GetInt32());
        Assert.Equal(before + 2, await analyst.CountAsync(CountOrders));
        Assert.Equal(1, await analyst.CountAsync("SELECT count(*) FROM sales.orders WHERE order_id = 't2' AND amount = 7 AND ts = TIMESTAMP '2026-11-25 10:00:01'"));
    }

    [Fact]
    public async Task Ingest_JsonArray_IsAccepted()
    {
        var response = await app.AnonymousClient().SendAsync(Post("[{\"order_id\":\"a1\"},{\"order_id\":\"a2\"},{\"order_id\":\"a3\"}]", app.ApiKey("sales")));

        Assert.Equal(3, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Ingest_MalformedLine_RefusesWholeBatchWithLineNumbers()
    {
        var analyst = app.ClientFor("sales.analyst");
        var before = await analyst.CountAsync(CountOrders);

        var response = await app.AnonymousClient().SendAsync(Post(
            "{\"order_id\":\"ok\"}\n{\"order_id\": oops}\n{\"order_id\":\"x\",\"amount\":\"much\"}", app.ApiKey("sales")));

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.StartsWith("line 2: malformed JSON", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: field \"amount\" must be a number", errors[1], StringComparison.Ordinal);
        Assert.Equal(before, await analyst.CountAsync(CountOrders));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Ingest_MissingOrWrongKey_IsRefused(string? key)
    {
        var response = await app.AnonymousClient().SendAsync(Post("{\"order_id\":\"k\"}", key));

        var problem = await response.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_OtherDomainsKey_IsRefused()
    {
        var response = await app.AnonymousClient().SendAsync(Post("{\"order_id\":\"k\"}", app.ApiKey("marketing")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_UnknownSource_IsNotFound()
    {
        var response = await app.AnonymousClient().SendAsync(Post("{\"order_id\":\"k\"}", app.ApiKey("sales"), "nope"));

        Assert.Contains("no HTTP source sales.nope", (await response.JsonAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
