using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace MeshStudio.Web.Tests.Crash;

/// <summary>
/// Kills the server process with SIGKILL at random moments while events are ingested and jobs run, restarts it on
/// the same data, and checks that every acknowledged event is counted exactly once in the jobs' outputs. Every batch
/// carries an Idempotency-Key, and like any at-least-once client the test retries each batch whose answer the kill
/// took (same key, same body) after the restart: then every batch sent is counted exactly once, across kills and retries.
/// <c>scripts/crash-test.sh</c> runs it for many iterations (MESH_CRASH_ITERATIONS).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BatchSize = 100;
    private const string AnalystToken = "msk_demo_salesanalyst_2c3d4e5f60718293a4b5c6d7e8f9012";
    private const string SalesKey = "demo-sales-ingest-key-7d3e9a1c";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "meshstudio-crash-tests", Guid.NewGuid().ToString("N"));
    private readonly HashSet<int> _sent = [];
    private readonly HashSet<int> _acknowledged = [];
    private readonly List<int> _unanswered = [];
    private int _retries;
    private int _replayed;
    private ServerProcess? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Ingest_KillsAtRandomMomentsAndKeyedRetries_EveryBatchCountedExactlyOnce()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("MESH_CRASH_ITERATIONS"), out var n) ? n : 3;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MESH_CRASH_SEED"), out var s) ? s : Environment.TickCount;
        output.WriteLine($"iterations={iterations} seed={seed}");
        var random = new Random(seed);
        _server = await ServerProcess.StartAsync(_data, StartTimeout);
        await DeployAsync();

        var nextBatch = 0;
        for (var i = 0; i < iterations; i++)
        {
            using var stop = new CancellationTokenSource();
            var ingest = Task.Run(async () =>
            {
                using var http = Client(_server.Address);
                while (!stop.IsCancellationRequested)
                {
                    var batch = nextBatch++;
                    if (!await PostBatchAsync(http, batch))
                    {
                        lock (_unanswered)
                            _unanswered.Add(batch);
                        return;
                    }
                }
            });
            await Task.Delay(random.Next(200, 2500));
            _server.KillHard();
            await stop.CancelAsync();
            await ingest;
            await _server.DisposeAsync();
            _server = await ServerProcess.StartAsync(_data, StartTimeout);
            await RetryUnansweredAsync();
        }
        using (var http = Client(_server.Address))
            Assert.True(await PostBatchAsync(http, nextBatch++), "The restarted server accepts events.");

        var copied = await WaitForCatchUpAsync();
        output.WriteLine($"sent {_sent.Count} batches, acknowledged {_acknowledged.Count}, copied {copied.Count}, " +
            $"retried {_retries} after a kill ({_replayed} of them had been stored before the kill: replayed, {_retries - _replayed} stored by the retry)");
        Assert.Equal(_sent.Order(), _acknowledged.Order()); // every batch was answered in the end (retried until it was)
        Assert.All(_acknowledged, b => Assert.Equal(BatchSize, copied.GetValueOrDefault(b))); // every acknowledged event, once
        Assert.All(copied, c => Assert.Contains(c.Key, _sent)); // nothing that was not sent
        Assert.All(copied, c => Assert.Equal(BatchSize, c.Value)); // batches are whole or absent, never doubled
        var events = copied.Values.Sum();
        var counts = await QueryAsync("SELECT n, total FROM sales.crash_counts");
        Assert.Equal(events, Convert.ToInt64(counts[0][0].GetRawText(), CultureInfo.InvariantCulture));
        var ids = copied.Keys.SelectMany(b => Enumerable.Range(b * BatchSize, BatchSize)).Sum(id => (long)id);
        Assert.Equal(ids, decimal.ToInt64(decimal.Parse(counts[0][1].GetRawText(), CultureInfo.InvariantCulture)));
    }

    private async Task DeployAsync()
    {
        using var http = Client(_server!.Address);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AnalystToken);
        var response = await http.PostAsync(new Uri("/api/domains/sales/pipelines", UriKind.Relative), new StringContent("""
            CREATE SOURCE sales.crash_events (id BIGINT, ts TIMESTAMP) WITH (format = 'json', ingest = 'http', event_time = 'ts');
            CREATE JOB sales.crash_copy_job WITH (run_interval = '1 second') AS
            INSERT INTO sales.crash_copy SELECT id FROM sales.crash_events;
            CREATE JOB sales.crash_counts_job WITH (run_interval = '1 second') AS
            INSERT INTO sales.crash_counts SELECT count(*) AS n, sum(id) AS total FROM sales.crash_events;
            """, Encoding.UTF8, "text/plain"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends the batches whose answer a kill took again, with the same key and body.</summary>
    private async Task RetryUnansweredAsync()
    {
        using var http = Client(_server!.Address);
        foreach (var batch in _unanswered)
        {
            _retries++;
            Assert.True(await PostBatchAsync(http, batch), $"The retry of batch {batch} was answered.");
        }
        _unanswered.Clear();
    }

    /// <summary>Posts batch <paramref name="batch"/> (ids batch*100 …) with its idempotency key; false when the server is gone.</summary>
    private async Task<bool> PostBatchAsync(HttpClient http, int batch)
    {
        var body = new StringBuilder();
        for (var k = 0; k < BatchSize; k++)
            body.Append(CultureInfo.InvariantCulture, $$"""{"id":{{batch * BatchSize + k}},"ts":"2026-03-01T10:00:00"}""").Append('\n');
        lock (_sent)
            _sent.Add(batch);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/ingest/sales/crash_events", UriKind.Relative))
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("X-Api-Key", SalesKey);
        request.Headers.Add("Idempotency-Key", $"crash-batch-{batch}");
        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            lock (_acknowledged)
                _acknowledged.Add(batch);
            if (response.Headers.Contains("Idempotent-Replayed"))
                Interlocked.Increment(ref _replayed);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false; // killed mid-request: the batch may or may not have been stored
        }
    }

    /// <summary>Waits until the copy holds every acknowledged batch and the count job agrees; returns events per batch.</summary>
    private async Task<Dictionary<int, int>> WaitForCatchUpAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        Dictionary<int, int> copied = [];
        while (DateTime.UtcNow < deadline)
        {
            copied = (await QueryAsync($"SELECT CAST(id // {BatchSize} AS INTEGER) AS batch, count(*) FROM sales.crash_copy GROUP BY 1"))
                .ToDictionary(r => r[0].GetInt32(), r => r[1].GetInt32());
            var counted = await QueryAsync("SELECT n FROM sales.crash_counts");
            var complete = _acknowledged.All(copied.ContainsKey);
            if (complete && counted.Count == 1 && counted[0][0].GetInt64() == copied.Values.Sum())
                return copied;
            await Task.Delay(500);
        }
        return copied;
    }

    private async Task<List<JsonElement[]>> QueryAsync(string sql)
    {
        using var http = Client(_server!.Address);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AnalystToken);
        var response = await http.PostAsJsonAsync(new Uri("/api/sql", UriKind.Relative), new { sql, maxRows = 10_000 });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            return []; // e.g. the product has no snapshot yet
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray()).ToList();
    }

    private static HttpClient Client(Uri address) => new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}
