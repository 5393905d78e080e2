using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeshStudio.Application.Access;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>The inbox over HTTP (ADR 26): events write notifications with the change, each user reaches only their own.</summary>
[Collection(MeshAppCollection.Name)]
public class NotificationEndpointsTests(MeshAppFactory app)
{
    /// <summary>A product of its own per test, published through a review opened by sales.owner.</summary>
    private async Task<QualifiedName> PublishAsync(string name)
    {
        var deployed = await (await app.ClientFor("sales.owner").PostAsync("/api/domains/sales/pipelines", new StringContent(
            $"CREATE JOB sales.{name}_job AS INSERT INTO sales.{name} KEY (country) SELECT country, count(*) AS orders FROM sales.orders GROUP BY country",
            Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(deployed.GetProperty("succeeded").GetBoolean(), deployed.ToString());
        var users = app.Services.GetRequiredService<UserContextLoader>();
        var owner = (await users.LoadByUserNameAsync("sales.owner", default))!;
        var product = new QualifiedName("sales", name);
        await app.Services.GetRequiredService<ProductService>().UpdateMetadataAsync(owner, product, "Orders per country", "How many orders each country placed.", [], default);
        var reviews = app.Services.GetRequiredService<ReviewService>();
        await reviews.ApproveAsync((await users.LoadByUserNameAsync("steward", default))!, await reviews.OpenAsync(owner, product, default), "ok", default);
        return product;
    }

    private async Task<List<JsonElement>> InboxAsync(string user, string about) =>
        (await (await app.ClientFor(user).GetAsync("/api/notifications")).JsonAsync(HttpStatusCode.OK)).GetProperty("notifications")
            .EnumerateArray().Where(n => n.GetProperty("title").GetString()!.Contains(about, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task AccessRequestAndDecision_NotifyTheOwnerThenTheRequester_EachLinkingWhereToAct()
    {
        var product = await PublishAsync("notify_access");
        var users = app.Services.GetRequiredService<UserContextLoader>();
        var access = app.Services.GetRequiredService<AccessService>();

        var request = await access.RequestAsync((await users.LoadByUserNameAsync("logistics.owner", default))!, product, "Delivery planning per country.", default);

        var review = Assert.Single(await InboxAsync("sales.owner", "sales.notify_access is approved"));
        Assert.Equal("ReviewDecided", review.GetProperty("kind").GetString());
        var asked = Assert.Single(await InboxAsync("sales.owner", "asks for access to sales.notify_access"));
        Assert.Equal(("AccessRequested", "/access"), (asked.GetProperty("kind").GetString(), asked.GetProperty("link").GetString()));
        await access.DecideAsync((await users.LoadByUserNameAsync("sales.owner", default))!, request, approve: true, "ok", null, default);
        var decided = Assert.Single(await InboxAsync("logistics.owner", "sales.notify_access"));
        Assert.Equal(("AccessDecided", "/products/sales/notify_access"), (decided.GetProperty("kind").GetString(), decided.GetProperty("link").GetString()));
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task MarkRead_OwnNotificationIs204_AnotherUsersIs404AndStaysUnread()
    {
        await PublishAsync("notify_read");
        var id = Assert.Single(await InboxAsync("sales.owner", "sales.notify_read is approved")).GetProperty("id").GetInt64();

        var stranger = await app.ClientFor("consumer").PostAsync($"/api/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(JsonValueKind.Null, Assert.Single(await InboxAsync("sales.owner", "sales.notify_read is approved")).GetProperty("readAt").ValueKind);

        var own = await app.ClientFor("sales.owner").PostAsync($"/api/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, Assert.Single(await InboxAsync("sales.owner", "sales.notify_read is approved")).GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task Preference_KindTurnedOff_WritesNoneOfIt_AndAnUnknownKindIs400()
    {
        var steward = app.ClientFor("sales.analyst");
        Assert.Equal(HttpStatusCode.NoContent, (await steward.PutAsJsonAsync("/api/notifications/preferences/ReviewDecided", new { enabled = false })).StatusCode);
        var unknown = await steward.PutAsJsonAsync("/api/notifications/preferences/Gossip", new { enabled = false });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var users = app.Services.GetRequiredService<UserContextLoader>();
        var analyst = (await users.LoadByUserNameAsync("sales.analyst", default))!;
        var deployed = await (await steward.PostAsync("/api/domains/sales/pipelines", new StringContent(
            "CREATE JOB sales.notify_off_job AS INSERT INTO sales.notify_off KEY (country) SELECT country, count(*) AS orders FROM sales.orders GROUP BY country",
            Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(deployed.GetProperty("succeeded").GetBoolean());
        var product = new QualifiedName("sales", "notify_off");
        await app.Services.GetRequiredService<ProductService>().UpdateMetadataAsync(analyst, product, "Orders", "How many orders each country placed.", [], default);
        var reviews = app.Services.GetRequiredService<ReviewService>();
        await reviews.ApproveAsync((await users.LoadByUserNameAsync("steward", default))!, await reviews.OpenAsync(analyst, product, default), "ok", default);

        Assert.Empty(await InboxAsync("sales.analyst", "sales.notify_off"));
        var preferences = await (await steward.GetAsync("/api/notifications/preferences")).JsonAsync(HttpStatusCode.OK);
        Assert.False(preferences.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "ReviewDecided").GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "/api/notifications")]
    [InlineData("POST", "/api/notifications/read-all")]
    [InlineData("GET", "/api/notifications/preferences")]
    public async Task Inbox_Anonymous_Is401(string method, string path)
    {
        var response = await app.AnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
