using MeshStudio.Core.Execution;

namespace MeshStudio.Engine;

/// <summary>Where the lake lives and how much one sandboxed session may use.</summary>
public sealed record LakeOptions
{
    public LakeOptions(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        if (!Path.IsPathFullyQualified(rootPath))
            throw new ArgumentException("The lake root must be an absolute path.", nameof(rootPath));
        RootPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
    }

    /// <summary>Absolute path of the lake folder.</summary>
    public string RootPath { get; }

    /// <summary>How long ingest idempotency keys are remembered (covering clients' retries).</summary>
    public TimeSpan IdempotencyKeyRetention { get; init; } = Ingestion.FileEventStore.DefaultKeyRetention;

    /// <summary>Limits applied to every sandboxed session.</summary>
    public QueryLimits Limits { get; init; } = new();

    /// <summary>How the query sessions are shared between users: how many at once, per user, and waiting.</summary>
    public Query.SessionSharing Sessions { get; init; } = new();
}
