using System.Collections.Concurrent;
using System.Text;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Ingestion;

/// <summary>
/// Stores each accepted batch as one newline-delimited JSON segment of the source, written as a
/// <see cref="DurableFile"/> named <c>seg-…ndjson</c>: readers (which read only
/// complete <c>seg-*.ndjson</c>, see <see cref="SourceFiles"/>) see the whole batch or nothing. Segment names carry a
/// time that is strictly increasing per source and a segment is renamed into place under the source's lock, so
/// segments become visible in name order: a job that has read up to one segment has read every earlier one.
/// </summary>
public sealed class FileEventStore : IEventStore
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly ConcurrentDictionary<string, SegmentClock> Clocks = new(StringComparer.Ordinal);

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

        var file = DurableFile.Create(directory);
        await using (file.ConfigureAwait(false))
        {
            var writer = new StreamWriter(file.Stream, Utf8, 64 * 1024, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var line in jsonObjects)
                {
                    await writer.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Clocks.GetOrAdd(directory, d => new SegmentClock { Last = SourceFiles.Scan(d).Tail });
            lock (clock)
            {
                var ticks = Math.Max(_time.GetUtcNow().UtcDateTime.Ticks, clock.Last + 1);
                file.Commit(Path.Combine(directory, LakeLayout.NewSegmentFileName(new DateTime(ticks, DateTimeKind.Utc))));
                clock.Last = ticks;
            }
        }
    }

    /// <summary>The last segment time used in one source folder (in this process).</summary>
    private sealed class SegmentClock
    {
        public long Last { get; set; }
    }
}
