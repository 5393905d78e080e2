using System.Globalization;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Bench.Workloads;

/// <summary>
/// Workload 4, incremental cost: the time of one job run over the same number of new events when the source's history
/// is small vs. large. The history is written straight into the hosted app's event store (<c>IEventStore.AppendAsync</c>,
/// segments of 100k events: HTTP ingest of 10M events would take minutes on two shared cores), then the jobs are
/// deployed (their first run reads the whole history), then five times: the new events are posted over HTTP and
/// each job runs once on demand. Two jobs: an append job (row-wise copy) and a merge job (per-customer count, sum, max).
/// Each history size gets its own fresh app. The ratio is the median run time at the largest history over the
/// smallest, per job; the headline is the worse of the two. The same ratio of the process's CPU time per run is
/// reported too: it moves less than wall time on a loaded machine.
/// </summary>
public static class IncrementalCostWorkload
{
    private const string Source = "hist_events";
    private const int SegmentEvents = 100_000;
    private const int Repetitions = 5;
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Job, string Sql)[] Jobs =
    [
        ("hist_copy_job", $"CREATE JOB sales.hist_copy_job AS INSERT INTO sales.hist_copy SELECT * FROM sales.{Source}"),
        ("hist_by_customer_job",
            $"CREATE JOB sales.hist_by_customer_job AS INSERT INTO sales.hist_by_customer KEY (customer_id) " +
            $"SELECT customer_id, count(*) AS orders, sum(amount) AS revenue, max(ts) AS last_ts FROM sales.{Source} GROUP BY customer_id"),
    ];

    public static async Task RunAsync(BenchOptions options, Results results)
    {
        var medians = new Dictionary<(int History, string Job), double>();
        var cpuMedians = new Dictionary<(int History, string Job), double>();
        foreach (var history in options.Histories)
        {
            Console.WriteLine($"Workload 4 (incremental cost): history {history:N0} events, runs over {options.NewEvents:N0} new events");
            await using var app = BenchApp.Start();
            using var client = new MeshClient(app.BaseUrl);
            await client.DeployAsync("sales",
                $"CREATE SOURCE sales.{Source} (seq BIGINT, ts TIMESTAMP, customer_id VARCHAR, country VARCHAR, amount DOUBLE) " +
                "WITH (format = 'json', ingest = 'http', event_time = 'ts')");
            var store = app.Services.GetRequiredService<IEventStore>();
            var (write, _) = await Timing.RunAsync(async () =>
            {
                for (var offset = 0; offset < history; offset += SegmentEvents)
                    await store.AppendAsync(new QualifiedName("sales", Source), Events(offset, Math.Min(SegmentEvents, history - offset)), CancellationToken.None);
                return 0;
            });
            Console.WriteLine($"  history written in {write.Wall.TotalSeconds:F1} s");
            foreach (var (job, sql) in Jobs)
            {
                var (first, _) = await Timing.RunAsync(() => client.DeployAsync("sales", sql));
                results.Record($"incremental_{Label(history)}_{job}_first_run_s", first.Wall.TotalSeconds);
            }

            var times = Jobs.ToDictionary(j => j.Job, _ => new List<double>());
            var cpu = Jobs.ToDictionary(j => j.Job, _ => new List<double>());
            var next = history;
            for (var rep = 0; rep < Repetitions; rep++)
            {
                await client.IngestAsync("sales", Source, Workload.ToBodies(Events(next, options.NewEvents), 5_000), clients: 2);
                next += options.NewEvents;
                foreach (var (job, _) in Jobs)
                {
                    var (run, _) = await Timing.RunAsync(() => client.RunJobAsync("sales", job));
                    times[job].Add(run.Wall.TotalSeconds);
                    cpu[job].Add(run.Cpu.TotalSeconds);
                }
            }
            foreach (var (job, _) in Jobs)
            {
                var mode = await client.LastRunModeAsync("sales", job);
                medians[(history, job)] = Stats.Median(times[job]);
                cpuMedians[(history, job)] = Stats.Median(cpu[job]);
                results.Record($"incremental_{Label(history)}_{job}_run_s", medians[(history, job)]);
                results.Record($"incremental_{Label(history)}_{job}_run_cpu_s", cpuMedians[(history, job)]);
                results.Note($"incremental {Label(history)} {job}: {string.Join(", ", times[job].Select(t => $"{t:F3} s"))}; mode {mode}");
            }
        }

        var (small, large) = (options.Histories.Min(), options.Histories.Max());
        if (small == large)
            return;
        var ratios = Jobs.Select(j => medians[(large, j.Job)] / medians[(small, j.Job)]).ToList();
        foreach (var ((job, _), ratio) in Jobs.Zip(ratios))
        {
            results.Record($"incremental_cost_ratio_{Label(large)}_vs_{Label(small)}_{job}", ratio);
            results.Record($"incremental_cpu_ratio_{Label(large)}_vs_{Label(small)}_{job}", cpuMedians[(large, job)] / cpuMedians[(small, job)]);
        }
        results.Record($"incremental_cost_ratio_{Label(large)}_vs_{Label(small)}", ratios.Max());
    }

    /// <summary>Compact order events: sequence number, time (1 ms apart), one of 10,000 customers, country, amount.</summary>
    private static List<string> Events(int first, int count)
    {
        var events = new List<string>(count);
        for (var seq = first; seq < first + count; seq++)
        {
            var ts = Start.AddMilliseconds(seq).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var amount = ((seq * 7919L % 50_000) / 100.0).ToString("F2", CultureInfo.InvariantCulture);
            events.Add($$"""{"seq":{{seq}},"ts":"{{ts}}","customer_id":"c{{seq * 31L % 10_000:D5}}","country":"{{Countries[seq % Countries.Length]}}","amount":{{amount}}}""");
        }
        return events;
    }

    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "NL"];

    private static string Label(int events) => events switch
    {
        >= 1_000_000 when events % 1_000_000 == 0 => $"{events / 1_000_000}m",
        >= 1_000 when events % 1_000 == 0 => $"{events / 1_000}k",
        _ => events.ToString(CultureInfo.InvariantCulture),
    };
}
