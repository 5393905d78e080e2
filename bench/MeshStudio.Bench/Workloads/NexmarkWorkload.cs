using MeshStudio.Bench.Nexmark;

namespace MeshStudio.Bench.Workloads;

/// <summary>
/// Workload 3, Nexmark: persons, auctions and bids ingested into three HTTP sources in equal chunks; after each chunk
/// every query's jobs run once (on demand, the scheduler is off), each run reading what arrived since its checkpoint
/// (or everything, for a job that recomputes). Throughput per query = the chunks' events of the sources it reads /
/// the process CPU time of its runs (events/s per core), also per wall second. The first chunk is read by the runs at
/// deploy and is not timed. At the end each query's result product is compared, as a multiset, with the same query
/// run once as a batch in DuckDB over all input. Reference: Flink's published Nexmark throughput per core, taken as
/// 50k events/s for the simple queries (q0–q2) and 7.5k for joins and windows (q3–q8).
/// </summary>
public static class NexmarkWorkload
{
    private const double FlinkSimplePerCore = 50_000;
    private const double FlinkJoinWindowPerCore = 7_500;

    public static async Task RunAsync(BenchOptions options, Results results)
    {
        var runs = options.NexmarkRuns;
        var events = new NexmarkGenerator(seed: 42).Events(options.NexmarkEvents).ToList();
        var chunkSize = (events.Count + runs) / (runs + 1);
        var chunks = events.Chunk(chunkSize).ToList();
        Console.WriteLine($"Workload 3 (Nexmark): {events.Count:N0} events ({Count(events, NexmarkKind.Person):N0} persons, " +
                          $"{Count(events, NexmarkKind.Auction):N0} auctions, {Count(events, NexmarkKind.Bid):N0} bids), " +
                          $"1 chunk at deploy + {chunks.Count - 1} timed runs");
        var queries = NexmarkQueries.All;
        var cpu = queries.ToDictionary(q => q.Id, _ => 0.0);
        var wall = queries.ToDictionary(q => q.Id, _ => 0.0);
        var input = queries.ToDictionary(q => q.Id, _ => 0L);
        var committed = queries.ToDictionary(q => q.Id, _ => 0L);

        var scratch = Path.Combine(Path.GetTempPath(), "meshstudio-bench", "nexmark-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            await using var app = BenchApp.Start();
            using var client = new MeshClient(app.BaseUrl);
            await client.DeployAsync("sales", NexmarkQueries.SourcesScript);
            await IngestAsync(client, chunks[0]);
            foreach (var job in queries.SelectMany(q => q.Jobs))
                await client.DeployAsync("sales", job.Sql);

            var ingestCpu = 0.0;
            for (var run = 1; run < chunks.Count; run++)
            {
                var chunk = chunks[run];
                var (ingest, _) = await Timing.RunAsync(async () =>
                {
                    await IngestAsync(client, chunk);
                    return 0;
                });
                ingestCpu += ingest.Cpu.TotalSeconds;
                foreach (var query in queries)
                {
                    foreach (var job in query.Jobs)
                    {
                        var (timing, rows) = await Timing.RunAsync(() => client.RunJobAsync("sales", job.Name));
                        committed[query.Id] = rows;
                        cpu[query.Id] += timing.Cpu.TotalSeconds;
                        wall[query.Id] += timing.Wall.TotalSeconds;
                    }
                    input[query.Id] += query.Inputs.Sum(kind => Count(chunk, kind));
                }
                Console.WriteLine($"  run {run}/{chunks.Count - 1}: {string.Join(", ", queries.Select(q => $"{q.Id} {wall[q.Id]:F1} s"))} (cumulative)");
            }

            // Ingest (HTTP, validation, segments) is paid once per event, whatever the queries; per core, like the queries.
            var ingested = chunks.Skip(1).Sum(c => c.Length);
            var ingestPerCore = ingested / ingestCpu;
            results.Record("nexmark_ingest_events_per_s_per_core", ingestPerCore);

            using var duck = DuckDbReference.Open();
            foreach (var kind in Enum.GetValues<NexmarkKind>())
            {
                var file = Path.Combine(scratch, $"{kind}.ndjson");
                await Workload.WriteNdjsonAsync(file, events.Where(e => e.Kind == kind).Select(e => e.Json));
                var columns = string.Join(", ", NexmarkQueries.SourceColumns(kind).Split(", ").Select(c => c.Split(' ')).Select(c => $"'{c[0]}': '{c[1]}'"));
                DuckDbReference.Execute(duck, $"CREATE TABLE {kind.ToString().ToLowerInvariant()} AS SELECT * FROM read_json({DuckDbReference.Literal(file)}, format='newline_delimited', columns={{{columns}}})");
            }
            foreach (var query in queries)
            {
                var perCore = input[query.Id] / cpu[query.Id];
                var reference = query.Simple ? FlinkSimplePerCore : FlinkJoinWindowPerCore;
                results.Record($"nexmark_{query.Id}_events_per_s_per_core", perCore);
                results.Record($"nexmark_{query.Id}_events_per_s", input[query.Id] / wall[query.Id]);
                results.Record($"nexmark_{query.Id}_ratio_vs_flink_per_core", perCore / reference);
                // With the ingest CPU of the events the query reads added: closer to what Flink's figure covers (its
                // sources parse the events too).
                var withIngest = 1 / ((1 / perCore) + (1 / ingestPerCore));
                results.Record($"nexmark_{query.Id}_with_ingest_ratio_vs_flink_per_core", withIngest / reference);

                var snapshot = await app.SnapshotFilesAsync("sales", query.Result.Product);
                var (rows, expected, extra, missing) = DuckDbReference.Compare(duck, snapshot, query.Oracle);
                var modes = new List<string>();
                foreach (var job in query.Jobs)
                    modes.Add($"{job.Name}: {await client.LastRunModeAsync("sales", job.Name)}");
                var verdict = extra == 0 && missing == 0 ? "OK" : "MISMATCH";
                results.Note($"nexmark {query.Id}: {verdict} ({rows:N0} rows, last run committed {committed[query.Id]:N0}, oracle {expected:N0}, {extra:N0} not in the oracle, {missing:N0} missing); " +
                             $"{input[query.Id]:N0} events in {wall[query.Id]:F2} s ({cpu[query.Id]:F2} s CPU); {string.Join("; ", modes)}");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static long Count(IEnumerable<NexmarkEvent> events, NexmarkKind kind) => events.Count(e => e.Kind == kind);

    private static async Task IngestAsync(MeshClient client, IReadOnlyList<NexmarkEvent> chunk)
    {
        foreach (var kind in Enum.GetValues<NexmarkKind>())
        {
            var bodies = Workload.ToBodies(chunk.Where(e => e.Kind == kind).Select(e => e.Json).ToList(), 5_000);
            await client.IngestAsync("sales", NexmarkQueries.SourceName(kind), bodies, clients: 2);
        }
    }
}
