using System.Net;
using System.Text.Json;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class SqlResponseLimitsTests(MeshAppFactory app)
{
    [Fact]
    public async Task Sql_ResultOfAGigabyte_IsCutAtTheByteLimitWithTruncatedByBytes()
    {
        var response = await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT repeat('y', 4000) AS y FROM range(10000)", maxRows = 10_000 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(body.Length, 1, MeshAppFactory.MaxResultBytes);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal("bytes", json.RootElement.GetProperty("truncatedBy").GetString());
        Assert.InRange(json.RootElement.GetProperty("rows").GetArrayLength(), 1, 9_999);
    }

    [Fact]
    public async Task Sql_MoreRowsThanMaxRows_IsTruncatedByRows()
    {
        var json = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT * FROM range(20) t(i)", maxRows = 5 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal([0L, 1, 2, 3, 4], json.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64()));
        Assert.True(json.GetProperty("truncated").GetBoolean());
        Assert.Equal("rows", json.GetProperty("truncatedBy").GetString());
    }

    [Fact]
    public async Task Sql_AllRowsFit_IsNotTruncated()
    {
        var json = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT * FROM range(5) t(i)", maxRows = 5 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(5, json.GetProperty("rows").GetArrayLength());
        Assert.False(json.GetProperty("truncated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("truncatedBy").ValueKind);
    }
}
