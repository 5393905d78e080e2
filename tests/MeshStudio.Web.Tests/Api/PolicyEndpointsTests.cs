using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>/api/policies: everybody reads, stewards change, export and import; others get 403 (ADR 29).</summary>
[Collection(MeshAppCollection.Name)]
public class PolicyEndpointsTests(MeshAppFactory app)
{
    private static object Draft() => new
    {
        title = "Quarterly names",
        kind = "ProductNaming",
        severity = "Warn",
        explanation = "Finance reads quarters from names.",
        enabled = false,
        pattern = "_q[1-4]$",
    };

    [Fact]
    public async Task List_Consumer_ReadsThePoliciesInForce()
    {
        var body = await (await app.ClientFor("consumer").GetAsync("/api/policies")).JsonAsync(HttpStatusCode.OK);

        Assert.Contains(body.EnumerateArray(), p => p.GetProperty("definition").GetProperty("key").GetString() == "pii-masked");
    }

    [Fact]
    public async Task Put_NonSteward_403AndNothingSaved()
    {
        var response = await app.ClientFor("sales.analyst").PutAsJsonAsync("/api/policies/api-denied", Draft());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("steward").GetAsync("/api/policies/api-denied")).StatusCode);
    }

    [Fact]
    public async Task Put_Steward_CreatesThenVersionsWithTheDiffInTheHistory()
    {
        var steward = app.ClientFor("steward");
        var created = await (await steward.PutAsJsonAsync("/api/policies/api-quarters", Draft())).JsonAsync(HttpStatusCode.OK);
        var changed = new Dictionary<string, object?>
        {
            ["title"] = "Quarterly names",
            ["kind"] = "ProductNaming",
            ["severity"] = "Block",
            ["enabled"] = false,
            ["explanation"] = "Finance reads quarters from names.",
            ["pattern"] = "_q[1-4]$",
        };
        var stale = await steward.PutAsJsonAsync("/api/policies/api-quarters?expectedVersion=7", changed);
        await (await steward.PutAsJsonAsync("/api/policies/api-quarters?expectedVersion=1", changed)).JsonAsync(HttpStatusCode.OK);

        var history = await (await steward.GetAsync("/api/policies/api-quarters/history")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal(["severity: warn → block"], history[0].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task ExportImport_Steward_RoundTripsYamlAndConsumerIs403()
    {
        var steward = app.ClientFor("steward");
        var yaml = await (await steward.GetAsync("/api/policies/export")).Content.ReadAsStringAsync();
        var file = yaml + """
            - key: api-imported
              title: Imported from a repository
              kind: column-naming
              severity: warn
              enabled: false
              pattern: ^[a-z_]+$
              explanation: Kept in git.
            """;

        var imported = await (await steward.PostAsync("/api/policies/import", new StringContent(file, Encoding.UTF8, "application/yaml"))).JsonAsync(HttpStatusCode.OK);
        var denied = await app.ClientFor("consumer").PostAsync("/api/policies/import", new StringContent(file, Encoding.UTF8, "application/yaml"));
        var broken = await steward.PostAsync("/api/policies/import", new StringContent("policies:\n  - key: x\n    kind: nonsense\n", Encoding.UTF8, "application/yaml"));

        Assert.Contains("key: pii-masked", yaml, StringComparison.Ordinal);
        Assert.Contains(imported.EnumerateArray(), p => p.GetProperty("definition").GetProperty("key").GetString() == "api-imported");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("kind 'nonsense' is not one of", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("consumer").GetAsync("/api/policies/export")).StatusCode);
    }
}
