using MeshStudio.Engine.Durability;

namespace MeshStudio.Application.Lake;

/// <summary>
/// Whether the last write to the lake failed because its disk was full (reported by the health check).
/// A failure counts until a later write succeeds, or for <see cref="Memory"/> when nothing is written meanwhile.
/// </summary>
public sealed class LakeDiskStatus(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(5);

    /// <summary>What users are told when a write failed for a full disk (the OS message names server paths).</summary>
    public const string FullMessage = DiskFull.UserMessage;

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

    /// <summary>
    /// True when <paramref name="failure"/> (or one it wraps) reports a full disk, which is then remembered; callers
    /// answer with <see cref="FullMessage"/>.
    /// </summary>
    public bool RecordIfDiskFull(Exception failure)
    {
        if (!DiskFull.Is(failure))
            return false;
        lock (_lock)
            _failedAt = time.GetUtcNow();
        return true;
    }

    /// <summary>
    /// Runs a write to the lake and records how it went: success clears a full disk, a full disk is remembered and
    /// rethrown as a <see cref="LakeFullException"/> (whose message users may see).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        T written;
        try
        {
            written = await write();
        }
        catch (Exception e) when (e is not LakeFullException && RecordIfDiskFull(e))
        {
            throw new LakeFullException(e);
        }
        lock (_lock)
            _failedAt = null;
        return written;
    }
}
