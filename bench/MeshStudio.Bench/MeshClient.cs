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
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{domain}/{source}")
                {
                    Content = new ByteArrayContent(bodies[index]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
                };
                request.Headers.Add("X-Api-Key", SalesApiKey);
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (!expectSuccess)
                    continue;
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"Ingest batch {index} failed: {(int)response.StatusCode} {text}");
                using var json = JsonDocument.Parse(text);
                Interlocked.Add(ref accepted, json.RootElement.GetProperty("accepted").GetInt64());
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(SendLoop)));
        return accepted;
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

    public void Dispose() => _http.Dispose();
}
