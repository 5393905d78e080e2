namespace MeshStudio.Catalog.Model;

public sealed class JobRun
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public long RowsOut { get; set; }
    /// <summary>Input events the run read (new events only for an incremental run).</summary>
    public long RowsIn { get; set; }
    /// <summary>Milliseconds from the arrival of the newest event the run read to its commit; null when it read none.</summary>
    public long? LatencyMs { get; set; }
    /// <summary>How the run computed the product, e.g. "incremental (append)" or "full: avg() is not incremental".</summary>
    public string? Mode { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    /// <summary>The run's expectation counters as JSON (<see cref="Jobs.ExpectationCounters"/>); null when the job has none.</summary>
    public string? ExpectationsJson { get; set; }
    /// <summary>The folder (relative to the lake root) with the rows this run's DROP expectations quarantined.</summary>
    public string? QuarantineLocation { get; set; }
}
