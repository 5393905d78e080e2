using System.Net;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Governance;
using MeshStudio.Web.Security;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Refused API and hub requests (401/403) are in the audit log: who, which route, the status, no data.</summary>
[Collection(MeshAppCollection.Name)]
public class DeniedAccessAuditTests(MeshAppFactory app)
{
    private async Task<AuditEntryView?> DenialAsync(string target) =>
        (await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 100, CancellationToken.None))
        .FirstOrDefault(e => e.Action == DeniedAccessAudit.Action && e.Target == target);

    [Fact]
    public async Task JobOfAnotherDomain_Consumer_403IsAudited()
    {
        var response = await app.ClientFor("consumer").PostAsync("/api/jobs/sales/revenue_by_country_job/pause", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = await DenialAsync("POST /api/jobs/sales/revenue_by_country_job/pause");
        Assert.NotNull(entry);
        Assert.Equal(("consumer", "status 403"), (entry.Actor, entry.Details));
    }

    [Fact]
    public async Task ProductData_Anonymous_401IsAuditedAsAnonymous()
    {
        var response = await app.AnonymousClient().GetAsync("/api/products/sales/customer_orders/data?denied-audit");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = await DenialAsync("GET /api/products/sales/customer_orders/data");
        Assert.NotNull(entry);
        Assert.StartsWith("anonymous (", entry.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubNegotiate_UnknownToken_401IsAudited()
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "msk_forged");

        var response = await client.PostAsync("/hubs/execution/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(await DenialAsync("POST /hubs/execution/negotiate"));
    }

    [Fact]
    public async Task Ingest_WrongKey_IsLeftToTheIngestAudit()
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");

        await client.PostAsync("/api/ingest/sales/orders", new StringContent("{}"));

        Assert.Null(await DenialAsync("POST /api/ingest/sales/orders"));
    }
}
