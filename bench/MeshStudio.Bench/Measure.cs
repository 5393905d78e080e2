using System.Diagnostics;

namespace MeshStudio.Bench;

/// <summary>Wall time and this process's CPU time of one timed section.</summary>
public sealed record Timing(TimeSpan Wall, TimeSpan Cpu)
{
    /// <summary>Average cores busy in this process during the section.</summary>
    public double CoresBusy => Wall.TotalSeconds > 0 ? Cpu.TotalSeconds / Wall.TotalSeconds : 0;

    public double Rate(long items) => items / Wall.TotalSeconds;

    public static async Task<(Timing Timing, T Result)> RunAsync<T>(Func<Task<T>> action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await action();
        watch.Stop();
        process.Refresh();
        return (new Timing(watch.Elapsed, process.TotalProcessorTime - cpu), result);
    }
}

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> in 0–100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
