using System.Net;
using MeshStudio.Application.Access;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class ProductEndpointsTests(MeshAppFactory app)
{
    [Fact]
    public async Task Search_Text_FindsPublishedProductButNeverTheDraftInReview()
    {
        var consumer = app.ClientFor("consumer");

        var revenue = await (await consumer.GetAsync("/api/products?q=revenue")).JsonAsync(HttpStatusCode.OK);
        var customers = await (await consumer.GetAsync("/api/products?q=customer")).JsonAsync(HttpStatusCode.OK);

        Assert.Contains(revenue.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "Revenue by country");
        Assert.DoesNotContain(customers.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "Customer orders");
    }

    [Fact]
    public async Task Product_Metadata_HasSchemaAndFreshness()
    {
        var json = await (await app.ClientFor("consumer").GetAsync("/api/products/sales/revenue_by_country")).JsonAsync(HttpStatusCode.OK);

        Assert.Contains(json.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "revenue");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("lastUpdatedAt").ValueKind);
        Assert.False(json.GetProperty("canReadData").GetBoolean());
    }

    [Fact]
    public async Task Data_ConsumerWithoutGrant_IsRefusedOnEveryPath()
    {
        var consumer = app.ClientFor("logistics.owner");

        foreach (var format in new[] { "json", "csv", "parquet" })
        {
            var problem = await (await consumer.GetAsync($"/api/products/marketing/campaign_performance/data?format={format}")).JsonAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Request access", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var sql = await (await consumer.PostAsJsonAsync("/api/sql", new { sql = "SELECT * FROM marketing.campaign_performance" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no access to marketing.campaign_performance", sql.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(15, sql.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Data_AfterOwnerApprovesRequest_IsServedAsJsonCsvAndParquet()
    {
        await GrantAsync("consumer", new QualifiedName("logistics", "delivery_performance"));
        var consumer = app.ClientFor("consumer");

        var page = await (await consumer.GetAsync("/api/products/logistics/delivery_performance/data?format=json&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("rows").GetArrayLength());
        Assert.True(page.GetProperty("hasMore").GetBoolean());

        var csv = await consumer.GetStringAsync("/api/products/logistics/delivery_performance/data?format=csv");
        Assert.StartsWith("carrier,country,shipments,avg_delivery_days,on_time_pct\r\n", csv, StringComparison.Ordinal);

        var parquet = await consumer.GetByteArrayAsync("/api/products/logistics/delivery_performance/data?format=parquet");
        Assert.Equal("PAR1"u8.ToArray(), parquet[..4]);

        var count = await consumer.CountAsync("SELECT count(*) FROM logistics.delivery_performance");
        Assert.Equal(count, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task Data_Csv_IsAnAttachmentWithAFileName()
    {
        var response = await app.ClientFor("logistics.owner").GetAsync("/api/products/logistics/delivery_performance/data?format=csv&pageSize=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("logistics.delivery_performance-page1.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", response.Headers.GetValues("X-Has-More").Single());
        Assert.Equal(3, (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task GrantAsync(string userName, QualifiedName product)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var contexts = app.Services.GetRequiredService<UserContextLoader>();
        var access = app.Services.GetRequiredService<AccessService>();
        var consumer = (await contexts.LoadAsync((await users.FindByNameAsync(userName))!.Id, default))!;
        var owner = (await contexts.LoadAsync((await users.FindByNameAsync($"{product.Domain}.owner"))!.Id, default))!;
        if ((await access.ListMineAsync(consumer, default)).Any(r => r.Product == product))
            return;
        var id = await access.RequestAsync(consumer, product, "Weekly delivery report for the sales team.", default);
        await access.DecideAsync(owner, id, approve: true, "ok", null, default);
    }
}
