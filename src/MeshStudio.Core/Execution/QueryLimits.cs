namespace MeshStudio.Core.Execution;

/// <summary>Resource limits of one sandboxed session.</summary>
public sealed record QueryLimits
{
    public int MemoryLimitMb { get; init; } = 512;
    public int Threads { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxTempDirectoryMb { get; init; } = 1024;

    /// <summary>A streamed batch ends early once its rows reach about this many bytes (<see cref="RowSize"/>).</summary>
    public int MaxBatchBytes { get; init; } = 1024 * 1024;
}
