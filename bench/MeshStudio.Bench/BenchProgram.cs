using MeshStudio.Bench.Workloads;

namespace MeshStudio.Bench;

// MeshStudio end-to-end benchmarks (docs/benchmarks.md), each against a reference on the same data in the same run.
//   dotnet run -c Release --project bench/MeshStudio.Bench [-- --quick] [--workload 1,2,3,4,5]
//   1+5 ingest and results to the client: [--events N] [--reps N] [--batch N] [--clients N]
//   2 freshness: [--rates 10000,50000] [--fresh-seconds N] [--fresh-interval-ms N (250)]
//   3 Nexmark: [--nexmark-events N] [--nexmark-runs N]
//   4 incremental cost: [--history 100000,10000000] [--new-events N]
//   6 catalog search: [--products N (10000)] [--search-rounds N (10)]
internal static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        var options = new BenchOptions(args);
        Console.WriteLine($"MeshStudio benchmark: workloads {string.Join(",", options.Workloads.Order())}{(options.Quick ? " (quick)" : "")}, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var results = new Results();
        if (options.Runs(1) || options.Runs(5))
            await IngestWorkload.RunAsync(options, results);
        if (options.Runs(2))
            await FreshnessWorkload.RunAsync(options, results);
        if (options.Runs(3))
            await NexmarkWorkload.RunAsync(options, results);
        if (options.Runs(4))
            await IncrementalCostWorkload.RunAsync(options, results);
        if (options.Runs(6))
            await CatalogSearchWorkload.RunAsync(options, results);
        results.Print();
    }
}
