namespace MeshStudio.Engine.Durability;

/// <summary>
/// The one place that recognises "the disk is full" (no space, or the quota exceeded), whether the error comes from
/// .NET file I/O (the errno or Windows error code in <see cref="Exception.HResult"/>) or from DuckDB (the OS message).
/// </summary>
public static class DiskFull
{
    private const int NoSpace = 28; // ENOSPC
    private const int QuotaExceeded = 122; // EDQUOT (Linux)
    private const int WindowsDiskFull = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL

    /// <summary>What users are told (the OS message names server paths, so it is not shown).</summary>
    public const string UserMessage =
        "The lake's disk is full: nothing of this request was stored, and no partial file was left. It is safe to send it again once space has been freed.";

    private static readonly string[] Messages = ["No space left on device", "Disk quota exceeded"];

    /// <summary>True when <paramref name="exception"/> or one it wraps reports a full disk.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException && e.HResult is NoSpace or QuotaExceeded or WindowsDiskFull or WindowsHandleDiskFull)
                return true;
            if (Messages.Any(m => e.Message.Contains(m, StringComparison.OrdinalIgnoreCase)))
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is))
                return true;
        }
        return false;
    }
}
