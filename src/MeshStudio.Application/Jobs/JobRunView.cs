using MeshStudio.Core.Execution;

namespace MeshStudio.Application.Jobs;

public sealed record JobRunView(long Id, DateTime StartedAt, DateTime FinishedAt, long RowsOut, bool Succeeded, string? Error)
{
    /// <summary>Violations per expectation among the rows this run read: all input for a full run, the new events for an incremental one.</summary>
    public IReadOnlyList<ExpectationOutcome> Expectations { get; init; } = [];

    /// <summary>Where this run's quarantined rows are, relative to the lake root; null when it quarantined none.</summary>
    public string? QuarantineLocation { get; init; }

    /// <summary>Input events the run read (new events only for an incremental run).</summary>
    public long RowsIn { get; init; }

    /// <summary>Milliseconds from the arrival of the newest event the run read to its commit; null when it read none.</summary>
    public long? LatencyMs { get; init; }

    /// <summary>How the run computed the product, e.g. "incremental (append)"; null when not recorded.</summary>
    public string? Mode { get; init; }
}
