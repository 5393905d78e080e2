namespace MeshStudio.Catalog.Model;

public sealed class JobRun
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public long RowsOut { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    /// <summary>The run's expectation counters as JSON (<see cref="Jobs.ExpectationCounters"/>); null when the job has none.</summary>
    public string? ExpectationsJson { get; set; }
    /// <summary>The folder (relative to the lake root) with the rows this run's DROP expectations quarantined.</summary>
    public string? QuarantineLocation { get; set; }
}
