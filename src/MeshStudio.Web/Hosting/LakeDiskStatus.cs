namespace MeshStudio.Web.Hosting;

/// <summary>
/// Whether the last write to the lake failed because its disk was full (reported by <see cref="MeshHealthCheck"/>).
/// A failure counts until a later write succeeds, or for <see cref="Memory"/> when nothing is written meanwhile.
/// </summary>
public sealed class LakeDiskStatus(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private DateTimeOffset? _failedAt;

    /// <summary>When the last write failed for a full disk, unless a write succeeded since (or it is older than <see cref="Memory"/>).</summary>
    public DateTimeOffset? FullSince
    {
        get
        {
            lock (_lock)
                return _failedAt is { } at && time.GetUtcNow() - at < Memory ? at : null;
        }
    }

    public void RecordDiskFull()
    {
        lock (_lock)
            _failedAt = time.GetUtcNow();
    }

    public void RecordWritten()
    {
        lock (_lock)
            _failedAt = null;
    }
}
