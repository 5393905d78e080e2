using System.Globalization;
using System.Net;
using System.Text.Json;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Governance;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Column statistics of a product's current snapshot, as the footers of the files the job wrote say.</summary>
[Collection(MeshAppCollection.Name)]
public class ProductStatisticsEndpointTests(MeshAppFactory app)
{
    private const string Url = "/api/products/logistics/delivery_performance/statistics";

    [Fact]
    public async Task Statistics_Member_MatchWhatSqlCountsOverTheProduct()
    {
        var owner = app.ClientFor("logistics.owner");

        var json = await (await owner.GetAsync(Url)).JsonAsync(HttpStatusCode.OK);

        var sql = await (await owner.PostAsJsonAsync("/api/sql", new
        {
            sql = "SELECT count(*), count(*) - count(shipments), min(shipments), max(shipments), min(carrier), max(carrier) FROM logistics.delivery_performance",
        })).JsonAsync(HttpStatusCode.OK);
        var expected = sql.GetProperty("rows")[0];
        Assert.Equal(expected[0].GetInt64(), json.GetProperty("rowCount").GetInt64());
        var columns = json.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["carrier", "country", "shipments", "avg_delivery_days", "on_time_pct"], columns.Keys);
        var shipments = columns["shipments"];
        Assert.Equal(expected[0].GetInt64(), shipments.GetProperty("rowCount").GetInt64());
        Assert.Equal(expected[1].GetInt64(), shipments.GetProperty("nullCount").GetInt64());
        Assert.Equal(Number(expected[2]), Number(shipments.GetProperty("min")));
        Assert.Equal(Number(expected[3]), Number(shipments.GetProperty("max")));
        Assert.Equal(expected[4].GetString(), columns["carrier"].GetProperty("min").GetString());
        Assert.Equal(expected[5].GetString(), columns["carrier"].GetProperty("max").GetString());
    }

    [Fact]
    public async Task Statistics_Member_HasApproximateDistinctCountsAndTheSnapshotLayout()
    {
        var owner = app.ClientFor("logistics.owner");

        var json = await (await owner.GetAsync(Url)).JsonAsync(HttpStatusCode.OK);

        var sql = await (await owner.PostAsJsonAsync("/api/sql", new { sql = "SELECT count(DISTINCT carrier), count(DISTINCT country) FROM logistics.delivery_performance" }))
            .JsonAsync(HttpStatusCode.OK);
        var columns = json.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        // HyperLogLog is exact at a handful of values.
        Assert.Equal(sql.GetProperty("rows")[0][0].GetInt64(), columns["carrier"].GetProperty("distinctCount").GetInt64());
        Assert.Equal(sql.GetProperty("rows")[0][1].GetInt64(), columns["country"].GetProperty("distinctCount").GetInt64());
        Assert.StartsWith("snap-", json.GetProperty("snapshot").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("files").GetInt32() >= 1);
        Assert.True(json.GetProperty("rowGroups").GetInt32() >= json.GetProperty("files").GetInt32());
        Assert.Equal(0, json.GetProperty("partitions").GetArrayLength());
    }

    [Fact]
    public async Task Statistics_WithoutGrant_IsRefusedAndAnUnknownProductIsNotFound()
    {
        var consumer = app.ClientFor("consumer");

        var refused = await (await consumer.GetAsync("/api/products/marketing/campaign_performance/statistics")).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Request access", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await consumer.GetAsync("/api/products/marketing/no_such_product/statistics")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Statistics_Read_IsAuditedWithoutValues()
    {
        await (await app.ClientFor("logistics.owner").GetAsync(Url)).JsonAsync(HttpStatusCode.OK);

        var entries = await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 1000, CancellationToken.None);
        var entry = entries.First(e => e.Action == ProductStatisticsReader.AuditAction); // newest first
        Assert.Equal(("logistics.owner", "logistics.delivery_performance", "columns=5"), (entry.Actor, entry.Target, entry.Details));
    }

    private static decimal Number(JsonElement value) => decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
