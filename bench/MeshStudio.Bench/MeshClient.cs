using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MeshStudio.Core.Execution;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeshStudio.Bench;

/// <summary>What a client of the public API does: ingest with the domain key, deploy and query with a personal access token.</summary>
public sealed class MeshClient(string baseUrl) : IDisposable
{
    // Demo credentials of appsettings.Development.json.
    public const string SalesApiKey = "demo-sales-ingest-key-7d3e9a1c";
    public const string AnalystToken = "msk_demo_salesanalyst_2c3d4e5f60718293a4b5c6d7e8f9012";

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>Posts every body with <paramref name="clients"/> concurrent senders; returns the events acknowledged.</summary>
    public async Task<long> IngestAsync(string domain, string source, IReadOnlyList<byte[]> bodies, int clients, bool expectSuccess = true)
    {
        var next = -1;
        long accepted = 0;
        async Task SendLoop()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
                Interlocked.Add(ref accepted, await PostBatchAsync(domain, source, bodies[index], expectSuccess));
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(SendLoop)));
        return accepted;
    }

    /// <summary>Posts one NDJSON body; returns the events accepted (the answer comes once they are durable).</summary>
    public async Task<long> PostBatchAsync(string domain, string source, byte[] body, bool expectSuccess = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{domain}/{source}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
        };
        request.Headers.Add("X-Api-Key", SalesApiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!expectSuccess)
            return 0;
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Ingest into {domain}.{source} failed: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("accepted").GetInt64();
    }

    /// <summary>Deploys a pipeline script as the sales analyst; returns the row count of the (last) job's first run.</summary>
    public async Task<long> DeployAsync(string domain, string script)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/domains/{domain}/pipelines")
        {
            Content = new StringContent(script, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AnalystToken);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Deploy failed: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("statements").EnumerateArray()
            .Select(s => s.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Number ? rows.GetInt64() : 0)
            .LastOrDefault();
    }

    /// <summary><c>POST /api/jobs/{domain}/{job}/run</c>: runs the job now; returns its row count, throws if the run failed.</summary>
    public async Task<long> RunJobAsync(string domain, string job)
    {
        using var json = await SendAsync(HttpMethod.Post, $"/api/jobs/{domain}/{job}/run");
        var root = json.RootElement;
        if (!root.GetProperty("succeeded").GetBoolean())
            throw new InvalidOperationException($"Job {domain}.{job} failed: {root.GetProperty("error")}");
        return root.GetProperty("rows").GetInt64();
    }

    /// <summary>How the job's newest run computed its product, e.g. "incremental (merge)" or "full: …".</summary>
    public async Task<string> LastRunModeAsync(string domain, string job)
    {
        using var json = await SendAsync(HttpMethod.Get, $"/api/jobs/{domain}/{job}");
        var runs = json.RootElement.GetProperty("recentRuns");
        return runs.GetArrayLength() == 0 ? "(no run)" : runs[0].GetProperty("mode").GetString() ?? "(no mode)";
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AnalystToken);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{method} {path} failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    /// <summary>A hub connection as the sales analyst (JSON protocol, the transport the server negotiates).</summary>
    public async Task<HubConnection> ConnectHubAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(_http.BaseAddress!.ToString()), "/hubs/execution"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(AnalystToken))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Streams a query to the end; returns the rows and values received.</summary>
    public static async Task<(long Rows, long Values)> StreamQueryAsync(HubConnection connection, string sql)
    {
        long rows = 0, values = 0;
        await foreach (var batch in connection.StreamAsync<QueryBatch>("Query", sql))
        {
            rows += batch.Rows.Count;
            foreach (var row in batch.Rows)
                values += row.Length;
        }
        return (rows, values);
    }

    /// <summary>A product's commits over the hub (<c>SubscribeProduct</c>), from now until cancelled.</summary>
    public static IAsyncEnumerable<ProductChangeMessage> SubscribeProduct(HubConnection connection, string domain, string product, CancellationToken cancellationToken) =>
        connection.StreamAsync<ProductChangeMessage>("SubscribeProduct", domain, product, cancellationToken);

    public void Dispose() => _http.Dispose();
}

/// <summary>What <c>SubscribeProduct</c> sends on each commit (the product's name is left out).</summary>
public sealed record ProductChangeMessage(DateTime CommittedAt, long RowCount);
