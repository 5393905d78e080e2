using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// Whether and how a job can run incrementally: read only the events of its streamed sources that arrived since
/// its last checkpoint and combine the result with the product's previous snapshot.
/// </summary>
/// <param name="Mode"><see cref="SnapshotMode.Replace"/> when every run must recompute from all input.</param>
/// <param name="Streams">The sources the job reads as streams (incrementally); every other relation is read whole.</param>
/// <param name="MergeColumns">For <see cref="SnapshotMode.Merge"/>: one function per output column.</param>
/// <param name="Reason">Why the job recomputes fully (null when it is incremental).</param>
public sealed record IncrementalPlan(
    SnapshotMode Mode,
    IReadOnlyList<string> Streams,
    IReadOnlyList<MergeFunction>? MergeColumns,
    string? Reason)
{
    public bool IsIncremental => Mode != SnapshotMode.Replace;

    /// <summary>A short description for the job page, e.g. "incremental (merge)" or "full: uses avg()".</summary>
    public string Description => IsIncremental ? $"incremental ({Mode.ToString().ToLowerInvariant()})" : $"full: {Reason}";

    public static IncrementalPlan Full(string reason, IReadOnlyList<string>? streams = null) =>
        new(SnapshotMode.Replace, streams ?? [], null, reason);
}
