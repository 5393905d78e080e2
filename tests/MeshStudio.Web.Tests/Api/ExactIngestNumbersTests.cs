using System.Net;
using System.Text;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Exact columns of an HTTP source store every digit sent, as a JSON number or as text.</summary>
[Collection(MeshAppCollection.Name)]
public class ExactIngestNumbersTests(MeshAppFactory app)
{
    [Fact]
    public async Task Ingest_BigIntegersAndDecimals_AsNumbersOrText_AreStoredExactly()
    {
        var analyst = app.ClientFor("sales.analyst");
        await (await analyst.PostAsync("/api/domains/sales/pipelines", new StringContent(
            "CREATE SOURCE sales.exact_numbers (id VARCHAR, big BIGINT, amount DECIMAL(38,2)) WITH (format = 'json', ingest = 'http');",
            Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);

        var ingest = await app.AnonymousClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/ingest/sales/exact_numbers")
        {
            Content = new StringContent(
                "{\"id\":\"number\",\"big\":9007199254740993,\"amount\":123456789012345678901234567.89}\n" +
                "{\"id\":\"text\",\"big\":\"9007199254740993\",\"amount\":\"123456789012345678901234567.89\"}\n",
                Encoding.UTF8, "application/x-ndjson"),
            Headers = { { "X-Api-Key", app.ApiKey("sales") } },
        });
        Assert.Equal(2, (await ingest.JsonAsync(HttpStatusCode.OK)).GetProperty("accepted").GetInt32());

        var rows = (await (await analyst.PostAsJsonAsync("/api/sql", new
        {
            sql = "SELECT id, CAST(big AS VARCHAR), CAST(amount AS VARCHAR) FROM sales.exact_numbers ORDER BY id",
        })).JsonAsync(HttpStatusCode.OK)).GetProperty("rows");

        foreach (var row in rows.EnumerateArray())
        {
            Assert.Equal("9007199254740993", row[1].GetString());
            Assert.Equal("123456789012345678901234567.89", row[2].GetString());
        }
        Assert.Equal(2, rows.GetArrayLength());
    }
}
