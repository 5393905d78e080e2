using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeshStudio.Catalog.Governance;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>GET /api/audit/verify: stewards and admins get the chain's state, anyone else 403.</summary>
[Collection(MeshAppCollection.Name)]
public class AuditVerifyApiTests(MeshAppFactory app)
{
    [Fact]
    public async Task Verify_Steward_IntactWithTheNewestEntry()
    {
        var response = await app.ClientFor("steward").GetAsync("/api/audit/verify");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("intact").GetBoolean(), body.GetProperty("summary").GetString());
        Assert.True(body.GetProperty("count").GetInt64() > 0);
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("headHash").GetString());
        var newest = (await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 1, CancellationToken.None)).Single();
        Assert.Equal(("steward", AuditLog.VerifiedAction), (newest.Actor, newest.Action));
    }

    [Fact]
    public async Task Verify_Consumer_403()
    {
        var response = await app.ClientFor("consumer").GetAsync("/api/audit/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("stewards and administrators", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
