using System.Net;
using System.Text;
using MeshStudio.Catalog.Governance;
using MeshStudio.Web.Security;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Requests that ride the session cookie must come from the app's own origin (SameOriginGuard).</summary>
[Collection(MeshAppCollection.Name)]
public class SameOriginGuardTests(MeshAppFactory app)
{
    private const string Job = "/api/jobs/marketing/campaign_performance_job";
    private const string SiblingOrigin = "http://localhost:5999";

    private async Task<bool> IsPausedAsync() =>
        (await (await app.ClientFor("marketing.owner").GetAsync(Job)).JsonAsync(HttpStatusCode.OK)).GetProperty("isPaused").GetBoolean();

    [Theory]
    [InlineData(SiblingOrigin, null)]
    [InlineData("https://localhost", null)]
    [InlineData("null", null)]
    [InlineData(null, "same-site")]
    [InlineData(null, "cross-site")]
    [InlineData(CookieSession.OwnOrigin, "same-site")]
    [InlineData(null, null)]
    public async Task Pause_CookieNotFromOwnOrigin_Is403AndJobKeepsRunning(string? origin, string? fetchSite)
    {
        var browser = await CookieSession.SignInAsync(app, "marketing.owner");

        var response = await browser.SendFromAsync(HttpMethod.Post, Job + "/pause", origin, fetchSite);

        var problem = await response.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Cross-origin request refused", problem.GetProperty("title").GetString());
        Assert.False(await IsPausedAsync());
    }

    [Theory]
    [InlineData(CookieSession.OwnOrigin, null)]
    [InlineData(null, "same-origin")]
    [InlineData(CookieSession.OwnOrigin, "same-origin")]
    public async Task PauseAndResume_CookieFromOwnOrigin_Succeed(string? origin, string? fetchSite)
    {
        var browser = await CookieSession.SignInAsync(app, "marketing.owner");

        var paused = await (await browser.SendFromAsync(HttpMethod.Post, Job + "/pause", origin, fetchSite)).JsonAsync(HttpStatusCode.OK);
        var resumed = await (await browser.SendFromAsync(HttpMethod.Post, Job + "/resume", origin, fetchSite)).JsonAsync(HttpStatusCode.OK);

        Assert.True(paused.GetProperty("isPaused").GetBoolean());
        Assert.False(resumed.GetProperty("isPaused").GetBoolean());
    }

    [Fact]
    public async Task DeployPipeline_CookieFromSiblingOrigin_CreatesNothing()
    {
        var browser = await CookieSession.SignInAsync(app, "marketing.owner");

        var response = await browser.SendFromAsync(HttpMethod.Post, "/api/domains/marketing/pipelines", SiblingOrigin, "same-site",
            new StringContent("CREATE SOURCE marketing.forged (id VARCHAR) WITH (format = 'json', ingest = 'http')", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var read = await app.ClientFor("marketing.owner").PostAsJsonAsync("/api/sql", new { sql = "SELECT * FROM marketing.forged" });
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Fact]
    public async Task Refusal_IsAudited_WithoutData()
    {
        var browser = await CookieSession.SignInAsync(app, "marketing.owner");

        await browser.SendFromAsync(HttpMethod.Post, Job + "/backfill", SiblingOrigin);

        var entries = await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 50, CancellationToken.None);
        var entry = entries.First(e => e.Action == SameOriginGuard.RefusedAction && e.Target == $"POST {Job}/backfill");
        Assert.Equal("marketing.owner", entry.Actor);
        Assert.Equal("", entry.Details);
    }

    [Theory]
    [InlineData("/hubs/execution/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task Negotiate_CookieFromSiblingOrigin_Is403(string url)
    {
        var browser = await CookieSession.SignInAsync(app, "marketing.owner");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendFromAsync(HttpMethod.Post, url, SiblingOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendFromAsync(HttpMethod.Get, "/hubs/execution?id=x", SiblingOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendFromAsync(HttpMethod.Post, url, CookieSession.OwnOrigin, "same-origin")).StatusCode);
    }

    [Fact]
    public async Task Pause_BearerTokenFromAnyOrigin_IsNotChecked()
    {
        var client = app.ClientFor("marketing.owner");

        var paused = await (await client.SendFromAsync(HttpMethod.Post, Job + "/pause", SiblingOrigin, "cross-site")).JsonAsync(HttpStatusCode.OK);
        await (await client.SendFromAsync(HttpMethod.Post, Job + "/resume", null)).JsonAsync(HttpStatusCode.OK);

        Assert.True(paused.GetProperty("isPaused").GetBoolean());
    }

    [Fact]
    public async Task Ingest_ApiKeyFromAnyOrigin_IsNotChecked()
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", app.ApiKey("marketing"));

        var response = await client.SendFromAsync(HttpMethod.Post, "/api/ingest/marketing/campaign_events", SiblingOrigin, "cross-site",
            new StringContent("""{"campaign_id":"c1","ts":"2026-01-01T00:00:00Z","channel":"email"}""", Encoding.UTF8, "application/x-ndjson"));

        await response.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_FromSiblingOrigin_Is403AndSetsNoSession()
    {
        var client = app.AnonymousClient();

        var response = await CookieSession.PostSignInAsync(client, "marketing.owner", app.Options.DemoUsers.Single(u => u.UserName == "marketing.owner").Password, SiblingOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("meshstudio.auth", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Job)).StatusCode);
    }

    [Fact]
    public async Task SignOut_FromSiblingOrigin_KeepsTheSession()
    {
        var browser = await CookieSession.SignInAsync(app, "marketing.owner");

        var refused = await browser.SendFromAsync(HttpMethod.Post, "/account/logout", SiblingOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Job)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendFromAsync(HttpMethod.Post, "/account/logout", CookieSession.OwnOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Job)).StatusCode);
    }
}
