using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Jobs;

/// <summary>A job as its page and <c>GET /api/jobs/{domain}/{job}</c> show it.</summary>
/// <param name="Version">The number of the current definition (1 for a job never altered).</param>
/// <param name="LastError">The last run's error, with its position in <paramref name="Definition"/> when known.</param>
public sealed record JobDetails(
    QualifiedName Name,
    QualifiedName Product,
    double? RunIntervalSeconds,
    bool IsPaused,
    int Version,
    string Definition,
    DateTime CreatedAt,
    DateTime? LastRunAt,
    bool? LastRunSucceeded,
    string? LastError)
{
    /// <summary>The user whose entitlements the job runs with.</summary>
    public string? RunAsUserName { get; init; }

    /// <summary>When the product's current snapshot was committed; null before the first.</summary>
    public DateTime? ProductUpdatedAt { get; init; }

    public long ProductRowCount { get; init; }

    /// <summary>True when the next run recomputes the product from the beginning (after ALTER JOB or a backfill request).</summary>
    public bool BackfillPending { get; init; }

    public IReadOnlyList<ExpectationOutcome> LastRunExpectations { get; init; } = [];

    /// <summary>True when the run that wrote the current snapshot quarantined rows.</summary>
    public bool HasQuarantine { get; init; }

    /// <summary>The newest runs, newest first.</summary>
    public IReadOnlyList<JobRunView> RecentRuns { get; init; } = [];
}

/// <summary>One version of a job's definition.</summary>
public sealed record JobVersionView(int Version, string Definition, DateTime CreatedAt, string CreatedBy);
