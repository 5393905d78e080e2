using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MeshStudio.Bench.Workloads;

/// <summary>
/// Workload 2, freshness: demo orders posted at a steady rate (10 batches a second) to an HTTP source while an append
/// job with <c>run_interval = '250 ms'</c> (<c>--fresh-interval-ms</c>) keeps a live table up to date, run by the app's own scheduler. A SignalR
/// client subscribed to the product notes every commit's row count; a batch is fresh at the first commit whose row
/// count includes it (one sender posts in order, so row count ≥ the events acknowledged up to that batch). Latency =
/// that notification's arrival − the batch's 200 answer (0 when the commit came first).
/// Reference: DuckDB alone appending each same batch to a Parquet file (<c>COPY (read_json(batch)) TO part.parquet</c>).
/// </summary>
public static class FreshnessWorkload
{
    private const string Source = "fresh_orders";
    private const string Product = "fresh_live";
    private const int BatchesPerSecond = 10;

    public static async Task RunAsync(BenchOptions options, Results results)
    {
        foreach (var rate in options.FreshnessRates)
            await RunRateAsync(rate, options.FreshnessSeconds, options.FreshnessIntervalMs, results, headline: rate == options.FreshnessRates[0]);
    }

    private static async Task RunRateAsync(int rate, int seconds, int intervalMs, Results results, bool headline)
    {
        var batch = Math.Max(1, rate / BatchesPerSecond);
        var label = rate >= 1000 && rate % 1000 == 0 ? $"{rate / 1000}k" : rate.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"Workload 2 (freshness): {rate:N0} events/s for {seconds} s, {BatchesPerSecond} batches of {batch:N0} a second");
        var workload = Workload.Create(batch * (BatchesPerSecond * seconds + 1), batch, seed: 7); // body 0 warms up

        var latencies = new List<double>();
        double achieved;
        int commits;
        string mode;
        await using (var app = BenchApp.Start(scheduler: true))
        {
            using var client = new MeshClient(app.BaseUrl);
            await client.DeployAsync("sales", $"CREATE SOURCE sales.{Source} ({SqlColumns}) WITH (format = 'json', ingest = 'http', event_time = 'ts')");
            long target = await client.PostBatchAsync("sales", Source, workload.Bodies[0]);
            await client.DeployAsync("sales",
                $"CREATE JOB sales.fresh_job WITH (run_interval = '{intervalMs} ms') AS INSERT INTO sales.{Product} SELECT * FROM sales.{Source}");

            await using var hub = await client.ConnectHubAsync();
            var clock = Stopwatch.StartNew();
            var changes = new ConcurrentQueue<(double At, long Rows)>();
            using var stop = new CancellationTokenSource();
            var listener = Task.Run(async () =>
            {
                try
                {
                    await foreach (var change in MeshClient.SubscribeProduct(hub, "sales", Product, stop.Token))
                        changes.Enqueue((clock.Elapsed.TotalMilliseconds, change.RowCount));
                }
                catch (OperationCanceledException)
                {
                }
            });
            await Task.Delay(1000); // the subscription is in place, the job's deploy run is over

            var acks = new List<(double At, long Target)>();
            var start = clock.Elapsed.TotalMilliseconds;
            for (var k = 1; k < workload.Bodies.Count; k++)
            {
                var wait = start + ((k - 1) * 1000.0 / BatchesPerSecond) - clock.Elapsed.TotalMilliseconds;
                if (wait > 1)
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
                target += await client.PostBatchAsync("sales", Source, workload.Bodies[k]);
                acks.Add((clock.Elapsed.TotalMilliseconds, target));
            }
            achieved = (workload.Bodies.Count - 1) * batch / ((clock.Elapsed.TotalMilliseconds - start) / 1000);
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
            while (!changes.Any(c => c.Rows >= target) && clock.Elapsed < deadline)
                await Task.Delay(20);
            await stop.CancelAsync();
            await listener;

            var seen = changes.ToArray();
            commits = seen.Length;
            foreach (var (at, rows) in acks)
            {
                var first = seen.FirstOrDefault(c => c.Rows >= rows);
                if (first.At == 0)
                    throw new InvalidOperationException($"No commit of sales.{Product} reached {rows} rows within 60 s of the last batch.");
                latencies.Add(Math.Max(0, first.At - at));
            }
            mode = await client.LastRunModeAsync("sales", "fresh_job");
        }

        var reference = DuckDbAppendLatencies(workload, batchCount: Math.Min(50, workload.Bodies.Count));
        var p99 = Stats.Percentile(latencies, 99);
        results.Record($"freshness_{label}_achieved_events_per_s", achieved);
        results.Record($"freshness_{label}_p50_ms", Stats.Percentile(latencies, 50));
        results.Record($"freshness_{label}_p99_ms", p99);
        results.Record($"freshness_{label}_max_ms", latencies.Max());
        results.Record($"freshness_{label}_commits", commits);
        results.Record($"duckdb_append_{label}_batch_p50_ms", Stats.Percentile(reference, 50));
        results.Record($"duckdb_append_{label}_batch_p99_ms", Stats.Percentile(reference, 99));
        results.Note($"freshness {label}: job mode {mode}; {latencies.Count} batches, {commits} commits notified");
        if (headline)
        {
            results.Record("freshness_p99_ms", p99);
            results.Record("freshness_p99_ratio_vs_duckdb_append", p99 / Stats.Percentile(reference, 99));
        }
    }

    /// <summary>What sales.orders declares (DemoPipelines.Sales), for the same events.</summary>
    private const string SqlColumns =
        "order_id VARCHAR, ts TIMESTAMP, customer_id VARCHAR, country VARCHAR, amount DOUBLE, email VARCHAR, product VARCHAR, session_id VARCHAR";

    /// <summary>DuckDB (one open in-memory database) appending each batch to its own Parquet file, in ms per batch.</summary>
    private static List<double> DuckDbAppendLatencies(Workload workload, int batchCount)
    {
        var folder = Path.Combine(Path.GetTempPath(), "meshstudio-bench", "fresh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var duck = DuckDbReference.Open();
            var latencies = new List<double>();
            for (var k = 0; k < batchCount; k++)
            {
                var json = Path.Combine(folder, $"batch-{k}.ndjson");
                File.WriteAllBytes(json, workload.Bodies[k]);
                var watch = Stopwatch.StartNew();
                DuckDbReference.Execute(duck, $"COPY ({DuckDbReference.ReadSegmentsSql([json])}) TO {DuckDbReference.Literal(Path.Combine(folder, $"part-{k}.parquet"))} (FORMAT parquet)");
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
            return latencies.Skip(1).ToList(); // the first pays for loading the JSON reader
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
