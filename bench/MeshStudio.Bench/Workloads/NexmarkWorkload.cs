namespace MeshStudio.Bench.Workloads;

public static class NexmarkWorkload
{
    public static Task RunAsync(BenchOptions options, Results results) => Task.CompletedTask;
}
