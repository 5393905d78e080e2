using System.Net;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>GET /api/products/{domain}/{name}/trust on the demo mesh.</summary>
[Collection(MeshAppCollection.Name)]
public class ProductTrustEndpointTests(MeshAppFactory app)
{
    [Fact]
    public async Task Trust_PublishedProduct_HasAStatusWithReasonsForAnyConsumer()
    {
        var json = await (await app.ClientFor("consumer").GetAsync("/api/products/sales/revenue_by_country/trust")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("sales.revenue_by_country", json.GetProperty("product").GetString());
        Assert.NotEqual("Unknown", json.GetProperty("status").GetString());
        var signals = json.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("signal").GetString()).ToList();
        Assert.Equal(["Freshness", "Job", "Quality"], signals.Order(StringComparer.Ordinal));
        Assert.Equal(4, json.GetProperty("freshnessSlaSeconds").GetDouble()); // two runs of two seconds, from the generated contract
        Assert.Equal(1.0, json.GetProperty("passRate").GetDouble());
    }

    [Fact]
    public async Task Trust_DraftOfAnotherDomainOrUnknownProduct_IsNotFound()
    {
        var consumer = app.ClientFor("consumer");

        await (await consumer.GetAsync("/api/products/sales/customer_orders/trust")).JsonAsync(HttpStatusCode.NotFound);
        await (await consumer.GetAsync("/api/products/sales/no_such_product/trust")).JsonAsync(HttpStatusCode.NotFound);
    }
}
