using System.Text;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Ingestion;

/// <summary>
/// Stores each accepted batch as one newline-delimited JSON segment of the source. The batch is written to a
/// hidden temporary file, flushed to disk, then renamed to <c>seg-…ndjson</c>: readers (which read only
/// complete <c>seg-*.ndjson</c>, see <see cref="SourceFiles"/>) see the whole batch or nothing.
/// </summary>
public sealed class FileEventStore : IEventStore
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly LakeLayout _layout;
    private readonly TimeProvider _time;

    public FileEventStore(LakeOptions options)
        : this(options, TimeProvider.System)
    {
    }

    public FileEventStore(LakeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _layout = new LakeLayout(options);
        _time = time;
    }

    public async Task AppendAsync(QualifiedName source, IReadOnlyList<string> jsonObjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(jsonObjects);
        var directory = _layout.SourceDirectory(source);
        for (var i = 0; i < jsonObjects.Count; i++)
        {
            var line = jsonObjects[i];
            if (string.IsNullOrWhiteSpace(line))
                throw new ArgumentException($"Event {i + 1} is empty.", nameof(jsonObjects));
            if (line.AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new ArgumentException($"Event {i + 1} contains a line break.", nameof(jsonObjects));
        }
        if (jsonObjects.Count == 0)
            return;

        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream, Utf8, 64 * 1024, leaveOpen: true);
                await using (writer.ConfigureAwait(false))
                {
                    foreach (var line in jsonObjects)
                    {
                        await writer.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
                    }
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, Path.Combine(directory, LakeLayout.NewSegmentFileName(_time.GetUtcNow().UtcDateTime)), overwrite: false);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
