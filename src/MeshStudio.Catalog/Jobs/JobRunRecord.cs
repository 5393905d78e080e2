using MeshStudio.Core.Execution;

namespace MeshStudio.Catalog.Jobs;

/// <summary>One finished run of a job, as the job page shows it.</summary>
/// <param name="RowsIn">Input events the run read.</param>
/// <param name="LatencyMs">From the arrival of the newest event read to the commit; null when it read none.</param>
/// <param name="Mode">How the run computed the product (incremental mode, or full with the reason).</param>
/// <param name="Error">Null when the run succeeded.</param>
public sealed record JobRunRecord(
    int JobId,
    DateTime StartedAt,
    DateTime FinishedAt,
    long RowsIn,
    long RowsOut,
    long? LatencyMs,
    string? Mode,
    string? Error)
{
    public IReadOnlyList<ExpectationOutcome> Expectations { get; init; } = [];

    /// <summary>The folder (relative to the lake root) with the rows this run's DROP expectations quarantined.</summary>
    public string? QuarantineLocation { get; init; }
}
