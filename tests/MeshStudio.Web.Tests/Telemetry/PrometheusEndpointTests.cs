using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeshStudio.Web.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint as an operator's scraper sees it after ingest, a job run and a query.</summary>
public sealed class PrometheusEndpointTests : IDisposable
{
    private const string ScrapeToken = "scrape-token-for-tests";

    private readonly MeshAppFactory _app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["MeshStudio:Telemetry:PrometheusEnabled"] = "true",
            ["MeshStudio:Telemetry:ScrapeToken"] = ScrapeToken,
        },
    };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Metrics_AfterIngestJobRunAndQuery_ShowTheDocumentedSeriesWithValues()
    {
        var analyst = _app.ClientFor("sales.analyst");
        var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/sales/telemetry_orders")
        {
            Content = new StringContent("{\"order_id\":\"t-1\",\"amount\":5}\n{\"order_id\":\"t-2\",\"amount\":-1}\n", Encoding.UTF8, "application/x-ndjson"),
            Headers = { { "X-Api-Key", _app.ApiKey("sales") } },
        };
        await (await analyst.PostAsync("/api/domains/sales/pipelines", new StringContent(
            "CREATE SOURCE sales.telemetry_orders (order_id VARCHAR, amount DOUBLE) WITH (format = 'json', ingest = 'http');",
            Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await _app.AnonymousClient().SendAsync(ingest)).StatusCode);
        await (await analyst.PostAsync("/api/domains/sales/pipelines", new StringContent("""
            CREATE JOB sales.telemetry_job AS
            INSERT INTO sales.telemetry_totals KEY (order_id)
            SELECT order_id, amount FROM sales.telemetry_orders
            WITH EXPECTATION positive EXPECT amount >= 0 ON VIOLATION DROP;
            """, Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await analyst.CountAsync("SELECT count(*) FROM sales.telemetry_totals"));
        await using var hub = await ConnectHubAsync();

        var anonymous = await _app.AnonymousClient().GetAsync("/metrics");
        var scraper = _app.AnonymousClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var scrape = await scraper.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("meshstudio_", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.True(Value(text, "meshstudio_ingest_events_total", "telemetry_orders") >= 2, text);
        Assert.True(Value(text, "meshstudio_ingest_bytes_total", "telemetry_orders") > 0);
        Assert.True(Value(text, "meshstudio_job_run_duration_seconds_count", "telemetry_job") >= 1);
        Assert.True(Value(text, "meshstudio_job_lag_seconds_count", "telemetry_job") >= 1);
        Assert.Equal(1d, Value(text, "meshstudio_expectation_violations_total", "telemetry_job"));
        Assert.True(Value(text, "meshstudio_query_duration_seconds_count", "user") >= 1);
        Assert.True(Value(text, "meshstudio_query_queue_wait_seconds_count", "user") >= 1);
        Assert.True(Value(text, "meshstudio_sessions_active", "hub") >= 1);
        Assert.True(Value(text, "meshstudio_product_freshness_sla_seconds", "sales.revenue_by_country") > 0);
        Assert.DoesNotContain("t-1", text, StringComparison.Ordinal); // no data value
    }

    [Fact]
    public async Task Metrics_WrongToken_AreRefused()
    {
        var scraper = _app.AnonymousClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        var response = await scraper.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HubConnection> ConnectHubAsync()
    {
        var token = _app.Options.DemoUsers.Single(u => u.UserName == "sales.analyst").Token;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/execution"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                o.Headers["Authorization"] = $"Bearer {token}";
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>The sum of the series of <paramref name="metric"/> whose labels mention <paramref name="label"/>.</summary>
    private static double Value(string exposition, string metric, string label) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}
