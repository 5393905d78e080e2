using System.Globalization;

namespace MeshStudio.Engine.Ingestion;

/// <summary>
/// The one rule for which files of an ingested source a reader must read. A source folder holds segments
/// (<c>seg-&lt;ticks&gt;-&lt;guid&gt;.ndjson</c>), compacted files (<c>cmp-&lt;ticks&gt;-&lt;guid&gt;.ndjson</c>) and
/// manifests (<c>cmp-&lt;ticks&gt;-&lt;guid&gt;.covers</c>, one file name a line). A manifest counts only when its
/// compacted file is present; the files a counting manifest names are then not read. Covered files are deleted
/// before their manifest, so a file that is gone when the manifests have been read is simply left out.
/// </summary>
public sealed class SourceFiles
{
    public const string SegmentPrefix = "seg-";
    public const string CompactedPrefix = "cmp-";
    public const string DataExtension = ".ndjson";
    public const string ManifestExtension = ".covers";

    private SourceFiles(
        string directory,
        IReadOnlyList<string> visible,
        IReadOnlyDictionary<string, IReadOnlyList<string>> committed,
        IReadOnlyList<string> inert)
    {
        Directory = directory;
        VisibleNames = visible;
        CommittedManifests = committed;
        InertManifests = inert;
    }

    /// <summary>The source folder.</summary>
    public string Directory { get; }

    /// <summary>File names (ordinal order) a reader must read: every event exactly once.</summary>
    public IReadOnlyList<string> VisibleNames { get; }

    /// <summary>Absolute paths of <see cref="VisibleNames"/>.</summary>
    public IEnumerable<string> VisiblePaths => VisibleNames.Select(n => Path.Combine(Directory, n));

    /// <summary>Manifest file name → the file names it covers, for manifests whose compacted file is present.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<string>> CommittedManifests { get; }

    /// <summary>Manifest file names without their compacted file (a compaction in flight or one that crashed).</summary>
    internal IReadOnlyList<string> InertManifests { get; }

    /// <summary>
    /// The newest position in the source: the largest segment time (ticks) of any visible file, 0 when empty.
    /// Segment names are strictly increasing in the order they become visible (see <see cref="FileEventStore"/>),
    /// so a reader that has read up to a position has read every event at or before it.
    /// </summary>
    public long Tail => VisibleNames.Select(n => PositionRange(n).Last).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The visible files holding the events after <paramref name="after"/> up to <paramref name="upTo"/>
    /// (positions as in <see cref="Tail"/>). A compacted file is read whole, so it must lie entirely inside the
    /// range; compaction never merges past the slowest reader's position (see <see cref="SegmentCompactor"/>).
    /// </summary>
    public IReadOnlyList<string> PathsBetween(long after, long upTo)
    {
        var paths = new List<string>();
        foreach (var name in VisibleNames)
        {
            var (first, last) = PositionRange(name);
            if (last <= after || first > upTo)
                continue;
            if (first <= after || last > upTo)
                throw new InvalidOperationException(
                    $"Compacted file {name} of {Directory} spans the read position {after}–{upTo}; its events cannot be read exactly once.");
            paths.Add(Path.Combine(Directory, name));
        }
        return paths;
    }

    /// <summary>
    /// The first and last segment position in a file: a segment's own time, or the range a compacted file's name
    /// records (<see cref="CompactedName"/>).
    /// </summary>
    public static (long First, long Last) PositionRange(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith(CompactedPrefix, StringComparison.Ordinal)
            && name.Length > RangeStart + 2 * 19 + 1
            && name[RangeStart - 1] == 'r'
            && long.TryParse(name.AsSpan(RangeStart, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(name.AsSpan(RangeStart + 20, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            return (first, last);
        var own = TryParseTime(name, out var utc) ? utc.Ticks : 0;
        return (own, own);
    }

    // cmp-<compaction ticks:19>-r<first:19>-<last:19>-<token>
    private const int RangeStart = 4 + 19 + 2;

    /// <summary>
    /// The base name (without extension) of a compacted file made at <paramref name="compactedAt"/> from files
    /// whose positions span <paramref name="first"/>–<paramref name="last"/>.
    /// </summary>
    public static string CompactedName(DateTime compactedAt, long first, long last, string token) =>
        string.Create(CultureInfo.InvariantCulture, $"{CompactedPrefix}{compactedAt.Ticks:D19}-r{first:D19}-{last:D19}-{token}");

    /// <summary>Reads the folder of a source (no folder: no files).</summary>
    public static SourceFiles Scan(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string[] names;
        try
        {
            names = System.IO.Directory.EnumerateFiles(directory).Select(p => Path.GetFileName(p)).ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            names = [];
        }

        var data = names.Where(IsDataFileName).ToHashSet(StringComparer.Ordinal);
        var committed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var compacted in data.Where(n => n.StartsWith(CompactedPrefix, StringComparison.Ordinal)))
        {
            var manifest = ManifestNameOf(compacted);
            var list = TryReadManifest(Path.Combine(directory, manifest));
            if (list is null)
                continue; // already cleaned up: its covered files were deleted before it
            committed[manifest] = list;
            covered.UnionWith(list);
        }
        var inert = names
            .Where(n => n.StartsWith(CompactedPrefix, StringComparison.Ordinal) && n.EndsWith(ManifestExtension, StringComparison.Ordinal))
            .Where(n => !committed.ContainsKey(n))
            .Order(StringComparer.Ordinal)
            .ToList();
        // Existence is checked only now, after the manifests were read (see the class summary).
        var visible = data
            .Where(n => !covered.Contains(n))
            .Where(n => File.Exists(Path.Combine(directory, n)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new SourceFiles(directory, visible, committed, inert);
    }

    /// <summary><c>seg-*.ndjson</c> or <c>cmp-*.ndjson</c>.</summary>
    public static bool IsDataFileName(string name) =>
        (name.StartsWith(SegmentPrefix, StringComparison.Ordinal) || name.StartsWith(CompactedPrefix, StringComparison.Ordinal))
        && name.EndsWith(DataExtension, StringComparison.Ordinal)
        && name.IndexOfAny(['/', '\\']) < 0;

    /// <summary>The manifest of a compacted file: <c>cmp-x.ndjson</c> → <c>cmp-x.covers</c>.</summary>
    public static string ManifestNameOf(string compactedName) =>
        compactedName[..^DataExtension.Length] + ManifestExtension;

    /// <summary>The compacted file of a manifest: <c>cmp-x.covers</c> → <c>cmp-x.ndjson</c>.</summary>
    public static string CompactedNameOf(string manifestName) =>
        manifestName[..^ManifestExtension.Length] + DataExtension;

    /// <summary>The UTC time in a <c>seg-&lt;ticks&gt;-…</c> or <c>cmp-&lt;ticks&gt;-…</c> name.</summary>
    public static bool TryParseTime(string name, out DateTime utc)
    {
        utc = default;
        if (name.Length < 4 + 19 || !(name.StartsWith(SegmentPrefix, StringComparison.Ordinal) || name.StartsWith(CompactedPrefix, StringComparison.Ordinal)))
            return false;
        if (!long.TryParse(name.AsSpan(4, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks)
            return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static List<string>? TryReadManifest(string path)
    {
        try
        {
            return File.ReadAllLines(path).Where(IsDataFileName).ToList();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
