namespace MeshStudio.Core.Execution;

/// <summary>
/// Who a query runs for, so the engine can share its sessions fairly: each user's queries (running, sleeping or
/// waiting for their consumer) count against that user's share. Background work of the platform itself (scheduled
/// job runs, health checks) has its own lane, bounded by the scheduler, and never queues behind users.
/// </summary>
/// <param name="Owner">The key queries are counted under (one per user).</param>
/// <param name="IsBackground">True for the platform's own work.</param>
public sealed record QueryCaller(string Owner, bool IsBackground = false)
{
    /// <summary>The platform's own work: job runs and health checks.</summary>
    public static QueryCaller Background { get; } = new("background", IsBackground: true);

    /// <summary>A grant built without saying for whom: such queries share one user's share.</summary>
    public static QueryCaller Unattributed { get; } = new("unattributed");

    /// <summary>Called once when the query has to wait for a free session (so a UI can say so).</summary>
    public Action? Queued { get; init; }

    /// <summary>The queries of the user with this id.</summary>
    public static QueryCaller ForUser(string userId) => new("user:" + userId);
}
