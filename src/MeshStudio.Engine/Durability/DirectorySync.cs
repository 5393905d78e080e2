using System.Runtime.InteropServices;

namespace MeshStudio.Engine.Durability;

/// <summary>
/// fsync of a directory: makes the names created, renamed or deleted in it survive a power loss (flushing a file
/// makes only its content durable, not its name). .NET cannot open a directory as a file, so on Linux and macOS the
/// folder is opened read-only through libc and fsynced. Windows keeps names durable through the NTFS journal.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int Interrupted = 4; // EINTR
    private const int NotSupported = 22; // EINVAL: the file system cannot sync directories (nothing more to do)

    public static void Sync(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
            return;
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
            throw Failure("open", directory);
        try
        {
            while (FSync(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Interrupted)
                    continue;
                if (errno == NotSupported)
                    return;
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"Could not {call} the folder {Path.GetFileName(directory)} to make its file names durable: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
