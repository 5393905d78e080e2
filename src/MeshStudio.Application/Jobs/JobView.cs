using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Jobs;

public sealed record JobView(
    QualifiedName Name,
    QualifiedName Product,
    double? RunIntervalSeconds,
    bool IsPaused,
    DateTime? LastRunAt,
    bool? LastRunSucceeded,
    string? LastError,
    string Definition)
{
    /// <summary>The expectation counters of the job's last run (empty when it has none or never ran).</summary>
    public IReadOnlyList<ExpectationOutcome> LastRunExpectations { get; init; } = [];

    /// <summary>True when any recent run quarantined rows (see <see cref="JobService.QuarantineAsync"/>).</summary>
    public bool HasQuarantine { get; init; }
}
