using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MeshStudio.Catalog.Governance;
using MeshStudio.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

/// <summary>
/// A signed-in owner visits a hostile page on another port of the same host. The page tries to use the owner's
/// session cookie: pause a job, deploy a source, submit a backfill form, stream a query over the hub, sign out.
/// </summary>
[Collection(LiveAppCollection.Name)]
public class CrossOriginAttackTests(LiveApp app)
{
    private const string Job = "/api/jobs/marketing/campaign_performance_job";

    private static string HostilePage(string target) => $$"""
        <!DOCTYPE html><html><body>
        <iframe name="sink" style="display:none"></iframe>
        <form id="backfill" method="post" action="{{target}}{{Job}}/backfill" target="sink"></form>
        <script>
        const target = '{{target}}';
        const post = (path, body, type) => fetch(target + path, { method: 'POST', credentials: 'include', mode: 'no-cors',
            headers: type ? { 'Content-Type': type } : {}, body }).catch(() => null);
        const hub = () => new Promise(resolve => {
            const report = { opened: false, items: 0, messages: [] };
            const ws = new WebSocket(target.replace('http', 'ws') + '/hubs/execution');
            ws.onopen = () => {
                report.opened = true;
                ws.send('{"protocol":"json","version":1}\u001e');
                ws.send(JSON.stringify({ type: 4, invocationId: '1', target: 'Query',
                    arguments: ['SELECT * FROM marketing.campaign_performance'] }) + '\u001e');
            };
            ws.onmessage = e => {
                for (const part of String(e.data).split('\u001e').filter(p => p)) {
                    const message = JSON.parse(part);
                    report.messages.push(message.type);
                    if (message.type === 2) report.items++;
                    if (message.type === 3) ws.close();
                }
            };
            ws.onclose = () => resolve(report);
            setTimeout(() => { ws.close(); resolve(report); }, 10000);
        });
        window.attack = (async () => {
            await post('{{Job}}/pause');
            await post('/api/domains/marketing/pipelines',
                "CREATE SOURCE marketing.hostile_source (id VARCHAR) WITH (format = 'json', ingest = 'http')", 'text/plain');
            document.getElementById('backfill').submit();
            await new Promise(r => setTimeout(r, 1000));
            const streamed = await hub();
            await post('/account/logout');
            return streamed;
        })();
        </script></body></html>
        """;

    [Fact]
    public async Task HostilePageOnSiblingOrigin_UsesTheSessionCookie_NothingHappens()
    {
        await using var owner = await UserSession.SignInAsync(app, "marketing.owner");
        await using var hostile = await HostileSite.StartAsync(HostilePage(app.BaseUrl));
        Assert.NotEqual(new Uri(app.BaseUrl).Port, new Uri(hostile.Origin).Port);

        var tab = await owner.OpenTabAsync(hostile.Origin + "/");
        var streamed = await tab.EvaluateAsync<JsonElement>("() => window.attack");

        Assert.Equal(0, streamed.GetProperty("items").GetInt32());
        Assert.False(streamed.GetProperty("opened").GetBoolean(), "The hub accepted a WebSocket from the hostile origin.");
        var api = ApiClient("marketing.owner");
        var job = await api.GetFromJsonAsync<JsonElement>(Job);
        Assert.False(job.GetProperty("isPaused").GetBoolean(), "The job was paused from the hostile page.");
        var read = await api.PostAsJsonAsync("/api/sql", new { sql = "SELECT * FROM marketing.hostile_source" });
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        var audit = await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 200, default);
        Assert.DoesNotContain(audit, e => e.Action == "job.backfill_requested" && e.Target == "marketing.campaign_performance_job");
        var refused = audit.Where(e => e.Action == "request.cross-origin-refused" && e.Actor == "marketing.owner").Select(e => e.Target).ToList();
        Assert.Contains($"POST {Job}/pause", refused);
        Assert.Contains("POST /api/domains/marketing/pipelines", refused);
        Assert.Contains($"POST {Job}/backfill", refused);
        Assert.Contains("GET /hubs/execution", refused);
        Assert.Contains("POST /account/logout", refused);

        await owner.GoToAsync("/");
        await Expect(owner.Page.GetByTestId("signed-in-user")).ToHaveTextAsync("marketing.owner");
    }

    private HttpClient ApiClient(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Options.DemoUsers.Single(u => u.UserName == userName).Token);
        return client;
    }
}
