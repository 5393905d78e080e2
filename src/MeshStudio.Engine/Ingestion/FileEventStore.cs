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
/// A keyed batch's key is logged between its temp file and the rename (<see cref="BatchKeyLog"/>).
/// </summary>
public sealed class FileEventStore : IEventStore, IDisposable
{
    /// <summary>How long idempotency keys are remembered unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultKeyRetention = TimeSpan.FromHours(24);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly ConcurrentDictionary<string, SegmentClock> Clocks = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Lazy<BatchKeyLog>> _keyLogs = new(StringComparer.Ordinal);
    private readonly LakeLayout _layout;
    private readonly TimeProvider _time;
    private readonly TimeSpan _keyRetention;

    public FileEventStore(LakeOptions options)
        : this(options, TimeProvider.System)
    {
    }

    public FileEventStore(LakeOptions options, TimeProvider time)
        : this(options, time, DefaultKeyRetention)
    {
    }

    public FileEventStore(LakeOptions options, TimeProvider time, TimeSpan keyRetention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (keyRetention <= TimeSpan.Zero)
            throw new ArgumentException("Idempotency keys must be kept for some time.", nameof(keyRetention));
        _layout = new LakeLayout(options);
        _time = time;
        _keyRetention = keyRetention;
    }

    public async Task AppendAsync(QualifiedName source, IReadOnlyList<string> jsonObjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Validate(jsonObjects);
        if (jsonObjects.Count > 0)
            await StoreAsync(_layout.SourceDirectory(source), jsonObjects, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredBatch> AppendOnceAsync(QualifiedName source, IReadOnlyList<string> jsonObjects, BatchKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        Validate(jsonObjects);
        var directory = _layout.SourceDirectory(source);
        var log = KeyLog(directory);
        var gate = log.LockFor(key.KeyHash);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Answer(log, source, key) is { } earlier)
                return earlier;
            if (jsonObjects.Count > 0)
                await StoreAsync(directory, jsonObjects, log, key, cancellationToken).ConfigureAwait(false);
            return new StoredBatch(jsonObjects.Count, Replayed: false);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<StoredBatch?> FindAsync(QualifiedName source, BatchKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(Answer(KeyLog(_layout.SourceDirectory(source)), source, key));
    }

    public void Dispose()
    {
        foreach (var log in _keyLogs.Values.Where(l => l.IsValueCreated))
            log.Value.Dispose();
    }

    private static StoredBatch? Answer(BatchKeyLog log, QualifiedName source, BatchKey key)
    {
        if (!log.TryFind(key.KeyHash, out var entry))
            return null;
        if (entry.Body != key.BodyHash)
            throw new BatchKeyReusedException(key.Key, source.ToString());
        return new StoredBatch(entry.Accepted, Replayed: true);
    }

    private BatchKeyLog KeyLog(string directory)
    {
        var log = _keyLogs.GetOrAdd(directory, d => new Lazy<BatchKeyLog>(() => BatchKeyLog.Open(d, _keyRetention, _time)));
        try
        {
            return log.Value;
        }
        catch
        {
            _keyLogs.TryRemove(KeyValuePair.Create(directory, log)); // e.g. the disk was full: try again next time
            throw;
        }
    }

    private static void Validate(IReadOnlyList<string> jsonObjects)
    {
        ArgumentNullException.ThrowIfNull(jsonObjects);
        for (var i = 0; i < jsonObjects.Count; i++)
        {
            var line = jsonObjects[i];
            if (string.IsNullOrWhiteSpace(line))
                throw new ArgumentException($"Event {i + 1} is empty.", nameof(jsonObjects));
            if (line.AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new ArgumentException($"Event {i + 1} contains a line break.", nameof(jsonObjects));
        }
    }

    /// <summary>Writes the segment; with a key, logs it after the temp file is on disk and before the rename.</summary>
    private async Task StoreAsync(string directory, IReadOnlyList<string> jsonObjects, BatchKeyLog? log, BatchKey? key, CancellationToken cancellationToken)
    {
        var file = DurableFile.Create(directory, log is null ? DurableFile.TempPrefix : BatchKeyLog.TempPrefix);
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
            await file.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Stream.Flush(flushToDisk: true); // the batch is on disk before its key is logged
            cancellationToken.ThrowIfCancellationRequested();
            BatchKeyLog.Entry? logged = null;
            try
            {
                if (log is not null)
                    logged = log.Record(key!.KeyHash, key.BodyHash, jsonObjects.Count, Path.GetFileName(file.TempPath));
                var clock = Clocks.GetOrAdd(directory, d => new SegmentClock { Last = SourceFiles.Scan(d).Tail });
                lock (clock)
                {
                    var ticks = Math.Max(_time.GetUtcNow().UtcDateTime.Ticks, clock.Last + 1);
                    clock.Last = ticks;
                    file.Commit(Path.Combine(directory, LakeLayout.NewSegmentFileName(new DateTime(ticks, DateTimeKind.Utc))));
                }
            }
            catch when (logged is not null && File.Exists(file.TempPath))
            {
                // Not renamed: the key is forgotten before its temp file goes (a logged key without it counts as stored).
                try
                {
                    log!.RollBack(key!.KeyHash);
                }
                catch (Exception) when (KeepTemp(file))
                {
                }
                throw;
            }
            catch when (logged is not null)
            {
                log!.Remember(key!.KeyHash, logged.Value); // renamed, though something after the rename failed: it is stored
                throw;
            }
            if (logged is not null)
                log!.Remember(key!.KeyHash, logged.Value);
        }
    }

    /// <summary>Leaves the temp file for the next start's recovery (which rolls the key back); always false.</summary>
    private static bool KeepTemp(DurableFile file)
    {
        file.Abandon();
        return false;
    }

    /// <summary>The last segment time used in one source folder (in this process).</summary>
    private sealed class SegmentClock
    {
        public long Last { get; set; }
    }
}
