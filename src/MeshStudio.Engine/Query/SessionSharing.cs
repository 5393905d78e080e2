namespace MeshStudio.Engine.Query;

/// <summary>How the query sessions are shared between users (see <see cref="FairSessionGate"/>).</summary>
public sealed record SessionSharing
{
    /// <summary>Sessions open at once for users' queries; by default twice the cores (at least 4).</summary>
    public int MaxSessions { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>Sessions one user may hold at once; 0 means a quarter of <see cref="MaxSessions"/> (at least 2).</summary>
    public int MaxSessionsPerUser { get; init; }

    /// <summary>Queries one user may have waiting for a session; one more is refused (HTTP 429).</summary>
    public int MaxQueuedPerUser { get; init; } = 8;

    /// <summary>How long a query waits for a free session before it is refused (HTTP 503).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    public int Total => Math.Max(1, MaxSessions);

    public int PerUser => Math.Clamp(MaxSessionsPerUser > 0 ? MaxSessionsPerUser : Math.Max(2, Total / 4), 1, Total);
}
