using System.Text;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Engine;
using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Bench.Workloads;

/// <summary>
/// Workloads 1 (ingest, then commit into a live table) and 5 (results to a SignalR client), which run together:
/// 5 streams what 1 ingested. Each against DuckDB alone on the same events; plus an in-process breakdown of the
/// ingest path.
/// </summary>
public static class IngestWorkload
{
    public static async Task RunAsync(BenchOptions options, Results results)
    {
        var (events, reps, batchSize, clients) = (options.Events, options.Reps, options.Batch, options.Clients);
        Console.WriteLine($"Workloads 1 and 5: {events:N0} events, batches of {batchSize:N0}, {clients} clients, {reps} repetition(s)");
        var workload = Workload.Create(events, batchSize, seed: 42);
        Console.WriteLine($"Workload: {workload.Bodies.Count} requests, {workload.TotalBytes / 1e6:F1} MB, {workload.AverageEventBytes:F0} bytes/event");
        var scratch = Path.Combine(Path.GetTempPath(), "meshstudio-bench", "ref-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var ndjson = Path.Combine(scratch, "orders.ndjson");
        await workload.WriteNdjsonAsync(ndjson);

        try
        {
            // In-process breakdown of the ingest path (also warms the JIT for the timed runs).
            var orderColumns = new[]
            {
                new ColumnSchema("order_id", "VARCHAR"), new ColumnSchema("ts", "TIMESTAMP"), new ColumnSchema("customer_id", "VARCHAR"),
                new ColumnSchema("country", "VARCHAR"), new ColumnSchema("amount", "DOUBLE"), new ColumnSchema("email", "VARCHAR"),
                new ColumnSchema("product", "VARCHAR"), new ColumnSchema("session_id", "VARCHAR"),
            };
            var bodyTexts = workload.Bodies.Select(b => Encoding.UTF8.GetString(b)).ToList();
            for (var rep = 0; rep < reps; rep++)
            {
                var (parse, parsed) = await Timing.RunAsync(() => Task.FromResult(bodyTexts.Select(b => EventBatchParser.Parse(b, orderColumns)).ToList()));
                if (parsed.Sum(p => p.Events.Count) != events)
                    throw new InvalidOperationException("The parser refused generated events: " + string.Join("; ", parsed.SelectMany(p => p.Errors).Take(3)));
                results.Record("parse_only_events_per_s_1thread", parse.Rate(events));

                // The DOM round trip alone (JsonNode.Parse + ToJsonString per event), the core of the parser's per-event work.
                var (dom, _) = await Timing.RunAsync(() => Task.FromResult(workload.Events.Sum(e => (long)System.Text.Json.Nodes.JsonNode.Parse(e)!.ToJsonString().Length)));
                results.Record("json_dom_roundtrip_events_per_s_1thread", dom.Rate(events));

                var lake = Path.Combine(scratch, $"lake-{rep}");
                var store = new FileEventStore(new LakeOptions(lake));
                var (append, _) = await Timing.RunAsync(async () =>
                {
                    foreach (var batch in parsed)
                        await store.AppendAsync(new QualifiedName("sales", "orders"), batch.Events, CancellationToken.None);
                    return 0;
                });
                results.Record("store_only_events_per_s_1thread", append.Rate(events));
                Directory.Delete(lake, recursive: true);
            }

            for (var rep = 1; rep <= reps; rep++)
            {
                Console.WriteLine($"Repetition {rep}/{reps}…");

                // Workload 1 reference: DuckDB's own bulk load of the same events.
                var parquet = Path.Combine(scratch, $"orders-{rep}.parquet");
                var (bulk, copied) = await Timing.RunAsync(() => Task.FromResult(DuckDbReference.CopyJsonToParquet(ndjson, parquet)));
                if (copied != events)
                    throw new InvalidOperationException($"DuckDB copied {copied} rows, expected {events}.");
                results.Record("duckdb_bulk_events_per_s", bulk.Rate(events));
                File.Delete(parquet);

                var (startup, app) = await Timing.RunAsync(() => Task.FromResult(BenchApp.Start()));
                results.Record("app_startup_s", startup.Wall.TotalSeconds);
                await using (app)
                {
                    using var client = new MeshClient(app.BaseUrl);

                    // HTTP floor (and warm-up): the same bodies to a source that does not exist, refused after the key check.
                    var (floor, _) = await Timing.RunAsync(() => client.IngestAsync("sales", "no_such_source", workload.Bodies, clients, expectSuccess: false));
                    results.Record("http_floor_events_per_s", floor.Rate(events));

                    // Workload 1: acknowledged (durable on disk) …
                    var (ack, accepted) = await Timing.RunAsync(() => client.IngestAsync("sales", "orders", workload.Bodies, clients));
                    if (accepted != events)
                        throw new InvalidOperationException($"{accepted} events acknowledged, expected {events}.");
                    results.Record("ingest_events_per_s_ack", ack.Rate(events));
                    results.Record("ingest_mb_per_s_ack", workload.TotalBytes / 1e6 / ack.Wall.TotalSeconds);
                    results.Record("ingest_cores_busy_ack", ack.CoresBusy);

                    // … then committed into a live table by a job run once at deploy.
                    var (commit, committedRows) = await Timing.RunAsync(() => client.DeployAsync("sales",
                        "CREATE JOB sales.bench_orders_job AS INSERT INTO sales.bench_orders SELECT * FROM sales.orders"));
                    if (committedRows < events)
                        throw new InvalidOperationException($"The job committed {committedRows} rows, expected at least {events}.");
                    results.Record("ingest_commit_s", commit.Wall.TotalSeconds);
                    results.Record("ingest_commit_cores_busy", commit.CoresBusy);
                    var ackCommitRate = events / (ack.Wall + commit.Wall).TotalSeconds;
                    results.Record("ingest_events_per_s_ack_commit", ackCommitRate);
                    results.Record("ingest_ratio_vs_duckdb_bulk", ackCommitRate / bulk.Rate(events));

                    // Workload 5: the ingested events (plus the demo's seeded history) streamed to a .NET SignalR client.
                    await using var hub = await client.ConnectHubAsync();
                    var (stream, streamed) = await Timing.RunAsync(() => MeshClient.StreamQueryAsync(hub, "SELECT * FROM sales.orders"));
                    if (streamed.Rows != committedRows)
                        throw new InvalidOperationException($"The hub streamed {streamed.Rows} rows, sales.orders has {committedRows}.");
                    results.Record("hub_rows_per_s", stream.Rate(streamed.Rows));
                    results.Record("hub_cores_busy", stream.CoresBusy);
                    var (productStream, productRows) = await Timing.RunAsync(() => MeshClient.StreamQueryAsync(hub, "SELECT * FROM sales.bench_orders"));
                    results.Record("hub_product_rows_per_s", productStream.Rate(productRows.Rows));

                    // Reference: DuckDB's reader into .NET over the same segment files, as the app's view reads them.
                    var segments = SourceFiles.Scan(app.SourceDirectory("sales", "orders")).VisiblePaths.ToList();
                    var segmentSql = DuckDbReference.ReadSegmentsSql(segments);
                    var (reader, read) = await Timing.RunAsync(() => Task.FromResult(DuckDbReference.ReadAll(segmentSql)));
                    if (read.Rows != committedRows)
                        throw new InvalidOperationException($"DuckDB read {read.Rows} rows from the segments, expected {committedRows}.");
                    results.Record("duckdb_reader_rows_per_s", reader.Rate(read.Rows));
                    results.Record("hub_rows_ratio_vs_duckdb_reader", stream.Rate(streamed.Rows) / reader.Rate(read.Rows));
                    var (reader1, read1) = await Timing.RunAsync(() => Task.FromResult(DuckDbReference.ReadAll(segmentSql, threads: 1)));
                    results.Record("duckdb_reader_1thread_rows_per_s", reader1.Rate(read1.Rows));
                    var snapshot = Path.Combine(app.ProductDirectory("sales", "bench_orders"), "*", "*.parquet");
                    var (parquetReader, parquetRead) = await Timing.RunAsync(() => Task.FromResult(DuckDbReference.ReadAll(DuckDbReference.ReadParquetSql(snapshot))));
                    results.Record("duckdb_parquet_reader_rows_per_s", parquetReader.Rate(parquetRead.Rows));
                    results.Record("hub_product_ratio_vs_duckdb_parquet_reader", productStream.Rate(productRows.Rows) / parquetReader.Rate(parquetRead.Rows));
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
