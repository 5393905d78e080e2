namespace MeshStudio.Bench.Workloads;

public static class IncrementalCostWorkload
{
    public static Task RunAsync(BenchOptions options, Results results) => Task.CompletedTask;
}
