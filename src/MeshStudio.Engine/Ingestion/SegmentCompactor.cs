using System.Globalization;
using System.Text;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Ingestion;

/// <summary>
/// Merges the settled files of an ingested source into one <c>cmp-…ndjson</c> file without a reader ever
/// seeing an event twice or missing one, also across a crash:
/// <list type="number">
/// <item>the merged data is written to a hidden temp file (a <see cref="DurableFile"/>);</item>
/// <item>the manifest <c>cmp-&lt;id&gt;.covers</c> (the names it replaces) is written durably;</item>
/// <item>only then is the data committed as <c>cmp-&lt;id&gt;.ndjson</c>, which makes the manifest count (see <see cref="SourceFiles"/>);</item>
/// <item>after <see cref="CompactionSettings.GracePeriod"/> the covered files are deleted, then the manifest.</item>
/// </list>
/// Segments and compacted files both get merged; a compacted file only once its own manifest is gone. Each event of a
/// merged segment is stamped with the segment's position (<see cref="PositionKey"/>), which late-event judgement needs.
/// One compaction per source at a time, guarded by a lock file.
/// </summary>
public sealed class SegmentCompactor
{
    /// <summary>The key with which compaction stamps each event with its segment's position.</summary>
    public const string PositionKey = "__mesh_pos";

    private const string LockFileName = ".compact.lock";
    private const string TempPrefix = ".cmp-";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly LakeLayout _layout;
    private readonly TimeProvider _time;
    private readonly CompactionSettings _settings;

    public SegmentCompactor(LakeOptions options, TimeProvider time)
        : this(options, time, new CompactionSettings())
    {
    }

    public SegmentCompactor(LakeOptions options, TimeProvider time, CompactionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.GracePeriod <= options.Limits.Timeout)
            throw new ArgumentException("The grace period must be longer than the query timeout.", nameof(settings));
        if (settings.MinFiles < 2)
            throw new ArgumentException("At least two files are needed for a merge.", nameof(settings));
        _layout = new LakeLayout(options);
        _time = time;
        _settings = settings;
    }

    /// <summary>Test hook: runs after the merged temp file is flushed and before the manifest is written.</summary>
    internal Action? BeforeCommit { get; set; }

    /// <summary>
    /// Removes what earlier compactions replaced (after the grace period) and crash garbage, then merges the
    /// source's settled files when there are enough. Returns how many files were merged (0 when the source is
    /// busy with another compaction).
    /// </summary>
    public Task<int> CompactAsync(QualifiedName source, CancellationToken ct) => CompactAsync(source, long.MaxValue, ct);

    /// <summary>
    /// As above, merging only files whose events are at or before position <paramref name="horizon"/> (see
    /// <see cref="SourceFiles.Tail"/>): the slowest job reading the source has read them all, so no compacted file
    /// ever straddles a job's read position.
    /// </summary>
    public async Task<int> CompactAsync(QualifiedName source, long horizon, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var directory = _layout.SourceDirectory(source);
        if (!Directory.Exists(directory))
            return 0;
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return 0; // another compaction of this source is running
        }
        await using (lockFile.ConfigureAwait(false))
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var files = SourceFiles.Scan(directory);
            RemoveReplaced(files, now);
            RemoveStaleTemps(files, now);
            return await MergeAsync(SourceFiles.Scan(directory), now, horizon, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Compacts every <c>lake/*/sources/*</c> folder; returns the total number of files merged.</summary>
    public Task<int> CompactAllAsync(CancellationToken ct) => CompactAllAsync(_ => long.MaxValue, ct);

    /// <summary>As above, with each source's horizon (see <see cref="CompactAsync(QualifiedName, long, CancellationToken)"/>).</summary>
    public async Task<int> CompactAllAsync(Func<QualifiedName, long> horizon, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        var total = 0;
        var failures = new List<Exception>();
        foreach (var source in Sources())
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                total += await CompactAsync(source, horizon(source), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add(ex);
            }
        }
        if (failures.Count > 0)
            throw new AggregateException($"Compaction failed for {failures.Count} source(s).", failures);
        return total;
    }

    private IEnumerable<QualifiedName> Sources()
    {
        if (!Directory.Exists(_layout.RootPath))
            yield break;
        foreach (var domainDir in Directory.EnumerateDirectories(_layout.RootPath))
        {
            var domain = Path.GetFileName(domainDir);
            var sources = Path.Combine(domainDir, "sources");
            if (!QualifiedName.IsValidIdentifier(domain) || !Directory.Exists(sources))
                continue;
            foreach (var sourceDir in Directory.EnumerateDirectories(sources))
            {
                var name = Path.GetFileName(sourceDir);
                if (QualifiedName.IsValidIdentifier(name))
                    yield return new QualifiedName(domain, name);
            }
        }
    }

    private async Task<int> MergeAsync(SourceFiles files, DateTime now, long horizon, CancellationToken ct)
    {
        var settledBefore = now - _settings.SettleTime;
        var candidates = files.VisibleNames
            .Where(name => SourceFiles.PositionRange(name).Last <= horizon && IsCandidate(files.Directory, name, settledBefore))
            .ToList();
        if (candidates.Count < _settings.MinFiles)
            return 0;

        var directory = files.Directory;
        var data = DurableFile.Create(directory, TempPrefix, 256 * 1024);
        await using (data.ConfigureAwait(false))
        {
            await WriteMergedAsync(data.Stream, candidates.Select(n => Path.Combine(directory, n)), ct).ConfigureAwait(false);
            BeforeCommit?.Invoke();
            ct.ThrowIfCancellationRequested();

            var ranges = candidates.Select(SourceFiles.PositionRange).ToList();
            var id = SourceFiles.CompactedName(_time.GetUtcNow().UtcDateTime, ranges.Min(r => r.First), ranges.Max(r => r.Last), Guid.NewGuid().ToString("N"));
            var manifest = Path.Combine(directory, id + SourceFiles.ManifestExtension);
            await DurableFile.WriteAsync(manifest, (stream, token) => stream.WriteAsync(Utf8.GetBytes(string.Concat(candidates.Select(n => n + "\n"))), token).AsTask(),
                overwrite: false, ct).ConfigureAwait(false);
            try
            {
                // The commit point: from here on readers read the merged file instead of the covered ones.
                data.Commit(Path.Combine(directory, id + SourceFiles.DataExtension));
            }
            catch
            {
                TryDelete(manifest); // inert without its compacted file
                throw;
            }
            return candidates.Count;
        }
    }

    private bool IsCandidate(string directory, string name, DateTime settledBefore)
    {
        if (!SourceFiles.TryParseTime(name, out var time))
            return false;
        if (name.StartsWith(SourceFiles.SegmentPrefix, StringComparison.Ordinal))
            return time <= settledBefore;
        // A compacted file is merged again only once its own covered files and manifest are gone, and while small.
        if (File.Exists(Path.Combine(directory, SourceFiles.ManifestNameOf(name))))
            return false;
        var info = new FileInfo(Path.Combine(directory, name));
        return info.Exists && info.Length < _settings.MaxCompactedBytes;
    }

    /// <summary>
    /// Deletes the files of committed manifests past the grace period, then the manifest (File.Delete ignores a
    /// missing file, so a cleanup cut short by a crash is simply continued next time).
    /// </summary>
    private void RemoveReplaced(SourceFiles files, DateTime now)
    {
        foreach (var (manifest, covered) in files.CommittedManifests)
        {
            if (!SourceFiles.TryParseTime(manifest, out var time) || now - time < _settings.GracePeriod)
                continue;
            foreach (var name in covered)
            {
                // A covered compacted file may still have a manifest of its own only if an earlier cleanup
                // failed; finish that one first so its covered files cannot become visible again.
                if (name.StartsWith(SourceFiles.CompactedPrefix, StringComparison.Ordinal))
                {
                    var inner = SourceFiles.ManifestNameOf(name);
                    var innerPath = Path.Combine(files.Directory, inner);
                    if (File.Exists(innerPath))
                    {
                        foreach (var innerName in File.ReadAllLines(innerPath).Where(SourceFiles.IsDataFileName))
                            File.Delete(Path.Combine(files.Directory, innerName));
                        File.Delete(innerPath);
                    }
                }
                File.Delete(Path.Combine(files.Directory, name));
            }
            // The deletions must be durable before the manifest's: a covered file that came back after a power
            // loss without its manifest would be read twice.
            DurableFile.SyncFolder(files.Directory);
            File.Delete(Path.Combine(files.Directory, manifest));
        }
        foreach (var manifest in files.InertManifests)
        {
            // Left by a compaction that crashed before its commit: it never counted and never will.
            if (SourceFiles.TryParseTime(manifest, out var time)
                && now - time >= _settings.StaleTempAge
                && !File.Exists(Path.Combine(files.Directory, SourceFiles.CompactedNameOf(manifest))))
                TryDelete(Path.Combine(files.Directory, manifest));
        }
    }

    private void RemoveStaleTemps(SourceFiles files, DateTime now)
    {
        foreach (var path in Directory.EnumerateFiles(files.Directory))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith(TempPrefix, StringComparison.Ordinal) && !name.StartsWith(DurableFile.TempPrefix, StringComparison.Ordinal))
                continue;
            try
            {
                if (now - File.GetLastWriteTimeUtc(path) >= _settings.StaleTempAge)
                    File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static async Task WriteMergedAsync(Stream output, IEnumerable<string> inputs, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        foreach (var path in inputs)
        {
            if (Path.GetFileName(path).StartsWith(SourceFiles.SegmentPrefix, StringComparison.Ordinal))
            {
                await WriteStampedAsync(output, path, ct).ConfigureAwait(false);
                continue;
            }
            var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 256 * 1024, FileOptions.Asynchronous);
            await using (input.ConfigureAwait(false))
            {
                byte last = (byte)'\n';
                int read;
                while ((read = await input.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    last = buffer[read - 1];
                }
                if (last != (byte)'\n')
                    output.WriteByte((byte)'\n');
            }
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies a segment's events, each stamped with the segment's position (<see cref="PositionKey"/>), so readers
    /// can still tell the batches of a compacted file apart (late events are judged by arrival position).
    /// </summary>
    private static async Task WriteStampedAsync(Stream output, string path, CancellationToken ct)
    {
        var content = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        var stamp = Utf8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"{PositionKey}\":{SourceFiles.PositionRange(Path.GetFileName(path)).First}"));
        var start = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            var line = content.AsMemory(start, (end < 0 ? content.Length : end) - start);
            start = end < 0 ? content.Length : end + 1;
            var open = line.Span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r');
            if (open >= 0 && line.Span[open] == (byte)'{')
            {
                var rest = line[(open + 1)..];
                await output.WriteAsync(stamp, ct).ConfigureAwait(false);
                if (rest.Span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') is var next && next >= 0 && rest.Span[next] != (byte)'}')
                    output.WriteByte((byte)',');
                await output.WriteAsync(rest, ct).ConfigureAwait(false);
            }
            else
            {
                await output.WriteAsync(line, ct).ConfigureAwait(false);
            }
            output.WriteByte((byte)'\n');
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
