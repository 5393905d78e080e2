using System.Net;
using System.Text.Json;

namespace MeshStudio.Web.Tests.Shared;

internal static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<long> CountAsync(this HttpClient client, string sql)
    {
        var response = await client.PostAsJsonAsync("/api/sql", new { sql });
        var json = await response.JsonAsync(HttpStatusCode.OK);
        return json.GetProperty("rows")[0][0].GetInt64();
    }
}
