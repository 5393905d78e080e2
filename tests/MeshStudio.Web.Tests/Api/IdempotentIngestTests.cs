using System.Net;
using System.Text;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Retries of a batch with the same Idempotency-Key store it once and answer like the first call.</summary>
[Collection(MeshAppCollection.Name)]
public class IdempotentIngestTests(MeshAppFactory app)
{
    private static HttpRequestMessage Post(MeshAppFactory on, string body, string? key, string source = "orders")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/sales/{source}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            Headers = { { "X-Api-Key", on.ApiKey("sales") } },
        };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static string Batch(string id) =>
        $"{{\"order_id\":\"{id}-1\",\"amount\":1}}\n{{\"order_id\":\"{id}-2\",\"amount\":2}}\n{{\"order_id\":\"{id}-3\",\"amount\":3}}\n";

    private static Task<long> StoredAsync(MeshAppFactory on, string id) =>
        on.ClientFor("sales.analyst").CountAsync($"SELECT count(*) FROM sales.orders WHERE order_id LIKE '{id}-%'");

    [Fact]
    public async Task Ingest_RetryWithKey_StoresOnceAndAnswersTheSame()
    {
        var id = $"idem{Guid.NewGuid():N}";
        var client = app.AnonymousClient();

        var first = await client.SendAsync(Post(app, Batch(id), id));
        var retry = await client.SendAsync(Post(app, Batch(id), id));

        var firstBody = await first.JsonAsync(HttpStatusCode.OK);
        var retryBody = await retry.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, firstBody.GetProperty("accepted").GetInt32());
        Assert.False(firstBody.GetProperty("replayed").GetBoolean());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, retryBody.GetProperty("accepted").GetInt32());
        Assert.True(retryBody.GetProperty("replayed").GetBoolean());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(3, await StoredAsync(app, id));
    }

    [Fact]
    public async Task Ingest_RetryWithoutKey_StoresTwice()
    {
        var id = $"nokey{Guid.NewGuid():N}";
        var client = app.AnonymousClient();

        await (await client.SendAsync(Post(app, Batch(id), null))).JsonAsync(HttpStatusCode.OK);
        await (await client.SendAsync(Post(app, Batch(id), null))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(6, await StoredAsync(app, id));
    }

    [Fact]
    public async Task Ingest_SameKeyDifferentBody_IsRefusedAndStoresNothing()
    {
        var id = $"reuse{Guid.NewGuid():N}";
        var other = $"other{Guid.NewGuid():N}";
        var client = app.AnonymousClient();
        await (await client.SendAsync(Post(app, Batch(id), id))).JsonAsync(HttpStatusCode.OK);

        var problem = await (await client.SendAsync(Post(app, Batch(other), id))).JsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("already used for a different batch of sales.orders", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(app, other));
        Assert.Equal(3, await StoredAsync(app, id));
    }

    [Fact]
    public async Task Ingest_ConcurrentRetriesOfOneKey_StoreOnce()
    {
        var id = $"race{Guid.NewGuid():N}";
        var client = app.AnonymousClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Post(app, Batch(id), id))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers, a => !a.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, await StoredAsync(app, id));
    }

    [Fact]
    public async Task Ingest_SameKeyForAnotherSource_IsAnotherBatch()
    {
        await (await app.ClientFor("sales.analyst").PostAsync("/api/domains/sales/pipelines", new StringContent(
            "CREATE SOURCE sales.idem_scope (order_id VARCHAR, amount DOUBLE) WITH (format = 'json', ingest = 'http');", Encoding.UTF8, "text/plain")))
            .JsonAsync(HttpStatusCode.OK);
        var id = $"scope{Guid.NewGuid():N}";
        var client = app.AnonymousClient();
        await (await client.SendAsync(Post(app, Batch(id), id))).JsonAsync(HttpStatusCode.OK);

        var other = await (await client.SendAsync(Post(app, Batch(id), id, "idem_scope"))).JsonAsync(HttpStatusCode.OK);

        Assert.False(other.GetProperty("replayed").GetBoolean());
    }

    [Theory]
    [InlineData(256)]
    [InlineData(0)]
    public async Task Ingest_MalformedKey_IsRefused(int length)
    {
        var key = length > 0 ? new string('k', length) : "has space";
        var response = await app.AnonymousClient().SendAsync(Post(app, Batch("bad"), key));

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_RetryAfterRestart_IsStillAReplay()
    {
        var data = Path.Combine(Path.GetTempPath(), "meshstudio-tests", Guid.NewGuid().ToString("N"));
        var id = $"restart{Guid.NewGuid():N}";
        using (var first = new MeshAppFactory { DataPath = data, KeepData = true })
        {
            await (await first.AnonymousClient().SendAsync(Post(first, Batch(id), id))).JsonAsync(HttpStatusCode.OK);
        }

        using var second = new MeshAppFactory { DataPath = data };
        var retry = await (await second.AnonymousClient().SendAsync(Post(second, Batch(id), id))).JsonAsync(HttpStatusCode.OK);

        Assert.True(retry.GetProperty("replayed").GetBoolean());
        Assert.Equal(3, retry.GetProperty("accepted").GetInt32());
        Assert.Equal(3, await StoredAsync(second, id));
    }
}
