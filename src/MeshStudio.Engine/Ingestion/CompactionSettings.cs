namespace MeshStudio.Engine.Ingestion;

/// <summary>When <see cref="SegmentCompactor"/> merges segments and when it removes what they replaced.</summary>
public sealed record CompactionSettings
{
    /// <summary>A segment is merged only when its timestamp is at least this old.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A source is compacted only when at least this many files can be merged.</summary>
    public int MinFiles { get; init; } = 20;

    /// <summary>
    /// How long covered files stay on disk after their compacted file appeared, so that a query which listed
    /// them before can still read them. Must be longer than the query timeout.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Temporary files and inert manifests older than this are garbage from a crash and are removed.</summary>
    public TimeSpan StaleTempAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Compacted files at least this large are not merged again.</summary>
    public long MaxCompactedBytes { get; init; } = 256L * 1024 * 1024;
}
