using System.Globalization;

namespace MeshStudio.Bench;

/// <summary>The command line: which workloads to run and their sizes (<c>--quick</c> shrinks every default).</summary>
public sealed class BenchOptions
{
    private readonly string[] _args;

    public BenchOptions(string[] args)
    {
        _args = args;
        Quick = args.Contains("--quick");
        Workloads = (Text("--workload") ?? "1,2,3,4,5,6").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToHashSet();
    }

    public bool Quick { get; }

    /// <summary><c>--workload 2,3,4</c>: the workloads to run (1 and 5 run together: 5 streams what 1 ingested).</summary>
    public IReadOnlySet<int> Workloads { get; }

    public bool Runs(int workload) => Workloads.Contains(workload);

    // Workloads 1 and 5.
    public int Events => Int("--events", Quick ? 20_000 : 200_000);

    public int Reps => Int("--reps", Quick ? 1 : 3);

    public int Batch => Int("--batch", Quick ? 2_000 : 5_000);

    public int Clients => Int("--clients", 4);

    // Workload 2: event rates (events/s) and seconds per rate.
    public IReadOnlyList<int> FreshnessRates => Ints("--rates", Quick ? [10_000] : [10_000, 50_000]);

    public int FreshnessSeconds => Int("--fresh-seconds", Quick ? 6 : 20);

    /// <summary>The live job's run_interval in milliseconds.</summary>
    public int FreshnessIntervalMs => Int("--fresh-interval-ms", 250);

    // Workload 3: Nexmark events in total and the number of incremental runs they arrive in.
    public int NexmarkEvents => Int("--nexmark-events", Quick ? 50_000 : 500_000);

    public int NexmarkRuns => Int("--nexmark-runs", Quick ? 3 : 5);

    // Workload 4: history sizes and the new events of each measured run.
    public IReadOnlyList<int> Histories => Ints("--history", Quick ? [100_000, 1_000_000] : [100_000, 10_000_000]);

    public int NewEvents => Int("--new-events", 100_000);

    // Workload 6: published products in the catalog and measured rounds over the query set.
    public int SearchProducts => Int("--products", Quick ? 2_000 : 10_000);

    public int SearchRounds => Int("--search-rounds", Quick ? 3 : 10);

    private string? Text(string name)
    {
        var i = Array.IndexOf(_args, name);
        return i >= 0 && i + 1 < _args.Length ? _args[i + 1] : null;
    }

    private int Int(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private IReadOnlyList<int> Ints(string name, int[] fallback) =>
        Text(name) is { } text ? text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList() : fallback;
}
