namespace MeshStudio.Engine.Durability;

/// <summary>
/// The one way a file of the lake is written so that it survives a crash and a power loss whole or not at all:
/// the content goes to a hidden temp file in the target's folder, is flushed to disk, the temp file is renamed to
/// its name and the folder is fsynced (a rename is durable only once its directory is). Until <see cref="Commit"/>
/// nothing is visible under the final name; disposing an uncommitted file deletes the temp file, also when the
/// disk is full. Readers that list a folder must ignore names starting with a dot.
/// </summary>
public sealed class DurableFile : IDisposable, IAsyncDisposable
{
    /// <summary>Prefix of the temp files (the compactor removes stale ones left by a crash).</summary>
    public const string TempPrefix = ".tmp-";

    private bool _committed;

    private DurableFile(string folder, string tempPath, FileStream stream)
    {
        Folder = folder;
        TempPath = tempPath;
        Stream = stream;
    }

    /// <summary>The folder the file is written in.</summary>
    public string Folder { get; }

    /// <summary>The temp file being written.</summary>
    public string TempPath { get; }

    /// <summary>Write the content here (flushing it is not needed: <see cref="Commit"/> flushes it to disk).</summary>
    public FileStream Stream { get; }

    /// <summary>Starts a file in <paramref name="folder"/> (created when missing).</summary>
    public static DurableFile Create(string folder, string tempPrefix = TempPrefix, int bufferSize = 64 * 1024)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!tempPrefix.StartsWith('.'))
            throw new ArgumentException("Temp files must be hidden (start with a dot).", nameof(tempPrefix));
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $"{tempPrefix}{Guid.NewGuid():N}");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, FileOptions.Asynchronous);
        return new DurableFile(folder, temp, stream);
    }

    /// <summary>
    /// Flushes the content to disk, renames the temp file to <paramref name="path"/> (in the same folder) and makes the
    /// name durable. Throws <see cref="IOException"/> when <paramref name="path"/> exists and <paramref name="overwrite"/> is false.
    /// </summary>
    public void Commit(string path, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectDisposedException.ThrowIf(_committed, this);
        var target = Path.GetFullPath(path);
        if (!string.Equals(Path.GetDirectoryName(target), Folder, StringComparison.Ordinal))
            throw new ArgumentException("A durable file is renamed within its folder.", nameof(path));
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TempPath, target, overwrite);
        _committed = true;
        DirectorySync.Sync(Folder);
    }

    /// <summary>Writes a whole file durably (see the class summary).</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var file = Create(FolderOf(path));
        await using (file.ConfigureAwait(false))
        {
            await write(file.Stream, cancellationToken).ConfigureAwait(false);
            await file.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            file.Commit(path, overwrite);
        }
    }

    /// <summary>Writes a whole small file durably (see the class summary).</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        using var file = Create(FolderOf(path), bufferSize: 0);
        file.Stream.Write(content);
        file.Commit(path, overwrite);
    }

    /// <summary>Gives a complete, already durable file a new name (possibly in another folder) and makes both folders durable.</summary>
    public static void Move(string source, string target, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var folder = FolderOf(target);
        Directory.CreateDirectory(folder);
        File.Move(source, target, overwrite);
        DirectorySync.Sync(folder);
        var from = FolderOf(source);
        if (!string.Equals(from, folder, StringComparison.Ordinal))
            DirectorySync.Sync(from);
    }

    /// <summary>Makes the names created, renamed or deleted in <paramref name="folder"/> durable (e.g. before a later step relies on a deletion).</summary>
    public static void SyncFolder(string folder) => DirectorySync.Sync(Path.GetFullPath(folder));

    /// <summary>
    /// Closes the temp file and leaves it in place (not committed, not deleted): for a temp file that a record elsewhere
    /// still names, whose recovery deletes it.
    /// </summary>
    public void Abandon()
    {
        _committed = true;
        try
        {
            Stream.Dispose();
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        if (_committed)
            return;
        _committed = true;
        try
        {
            Stream.Dispose(); // flushes what is buffered: fails again when the disk is full
        }
        catch (IOException)
        {
        }
        DeleteTemp();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void DeleteTemp()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a stale temp file is removed later (see TempPrefix)
        }
    }

    private static string FolderOf(string path) =>
        Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException("A file path is needed.", nameof(path));
}
