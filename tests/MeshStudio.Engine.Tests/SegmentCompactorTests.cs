using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Engine.Tests;

public sealed class SegmentCompactorTests : IDisposable
{
    private static readonly IReadOnlyList<ColumnSchema> Columns = [new("id", "BIGINT"), new("amount", "DOUBLE")];
    private static readonly QualifiedName Clicks = new("shop", "clicks");

    private readonly LakeFixture _lake = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FileEventStore _store;
    private readonly SegmentCompactor _compactor;
    private int _nextId;

    public SegmentCompactorTests()
    {
        _store = new FileEventStore(_lake.Options, _time);
        _compactor = new SegmentCompactor(_lake.Options, _time);
    }

    public void Dispose() => _lake.Dispose();

    private string Dir(QualifiedName source) => _lake.Layout.SourceDirectory(source);

    private async Task AppendBatchesAsync(QualifiedName source, int batches, int perBatch = 3)
    {
        for (var b = 0; b < batches; b++)
        {
            var events = Enumerable.Range(0, perBatch).Select(_ =>
            {
                var id = ++_nextId;
                return string.Create(CultureInfo.InvariantCulture, $$"""{"id":{{id}},"amount":{{id * 1.25}}}""");
            }).ToList();
            await _store.AppendAsync(source, events, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Row count, sum of ids and sum of amounts through the real sandboxed view.</summary>
    private (long Count, long Ids, double Amount) Totals(QualifiedName source)
    {
        var grant = new SessionGrant([new ReadableRelation(source, RelationKind.IngestedSource, Columns)]);
        using var session = SandboxSession.Open(_lake.Layout, new QueryLimits(), grant);
        using var command = session.CreateCommand($"SELECT count(*), CAST(coalesce(sum(id), 0) AS BIGINT), coalesce(sum(amount), 0) FROM {source.Domain}.{source.Name}");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
    }

    private string[] Files(QualifiedName source, string pattern) =>
        Directory.GetFiles(Dir(source), pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public async Task CompactAsync_ManySettledSegments_ViewReturnsSameRowsFromOneFile()
    {
        await AppendBatchesAsync(Clicks, 30);
        var before = Totals(Clicks);
        _time.Advance(TimeSpan.FromSeconds(10));

        var merged = await _compactor.CompactAsync(Clicks, CancellationToken.None);

        Assert.Equal(30, merged);
        Assert.Equal((90L, 90L * 91 / 2, 1.25 * 90 * 91 / 2), before);
        Assert.Equal(before, Totals(Clicks));
        var compacted = Assert.Single(Files(Clicks, "cmp-*.ndjson"));
        Assert.Equal([compacted], SourceFiles.Scan(Dir(Clicks)).VisibleNames);
        Assert.Equal(30, Files(Clicks, "seg-*.ndjson").Length); // originals stay during the grace period
        Assert.Equal(Files(Clicks, "seg-*.ndjson"), File.ReadAllLines(Path.Combine(Dir(Clicks), SourceFiles.ManifestNameOf(compacted))));
        Assert.Empty(Files(Clicks, ".cmp-*"));
    }

    [Fact]
    public async Task CompactAsync_FewerThanMinimum_MergesNothing()
    {
        await AppendBatchesAsync(Clicks, 19);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        Assert.Empty(Files(Clicks, "cmp-*"));
    }

    [Fact]
    public async Task CompactAsync_UnsettledSegments_AreNotMerged()
    {
        await AppendBatchesAsync(Clicks, 25);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        Assert.Equal(25, Files(Clicks, "seg-*.ndjson").Length);
    }

    [Fact]
    public async Task Scan_ManifestWithoutCompactedFile_IsIgnoredAndCleanedUpLater()
    {
        await AppendBatchesAsync(Clicks, 25);
        var before = Totals(Clicks);
        // A compaction that crashed after its manifest but before the rename of its merged temp file.
        var dir = Dir(Clicks);
        var orphan = string.Create(CultureInfo.InvariantCulture, $"cmp-{_time.GetUtcNow().UtcDateTime.Ticks:D19}-{Guid.NewGuid():N}.covers");
        File.WriteAllLines(Path.Combine(dir, orphan), Files(Clicks, "seg-*.ndjson"));
        File.WriteAllText(Path.Combine(dir, ".cmp-crashed.tmp"), """{"id":999,"amount":1}""" + "\n");

        Assert.Equal(before, Totals(Clicks));
        Assert.Equal(25, SourceFiles.Scan(dir).VisibleNames.Count);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(25, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        Assert.Equal(before, Totals(Clicks));

        _time.Advance(TimeSpan.FromHours(2));
        await _compactor.CompactAsync(Clicks, CancellationToken.None);
        Assert.False(File.Exists(Path.Combine(dir, orphan)));
        Assert.False(File.Exists(Path.Combine(dir, ".cmp-crashed.tmp")));
        Assert.Equal(before, Totals(Clicks));
    }

    [Fact]
    public async Task View_CompactedFileWhileOriginalsExist_DoesNotDuplicateRows()
    {
        // A crash right after the commit: compacted file and manifest present, every original still there.
        await AppendBatchesAsync(Clicks, 4);
        var before = Totals(Clicks);
        var dir = Dir(Clicks);
        var segments = Files(Clicks, "seg-*.ndjson");
        var id = string.Create(CultureInfo.InvariantCulture, $"cmp-{_time.GetUtcNow().UtcDateTime.Ticks:D19}-{Guid.NewGuid():N}");
        File.WriteAllLines(Path.Combine(dir, id + ".covers"), segments[..3]);
        File.WriteAllLines(Path.Combine(dir, id + ".ndjson"), segments[..3].SelectMany(s => File.ReadAllLines(Path.Combine(dir, s))));

        Assert.Equal(before, Totals(Clicks));
        Assert.Equal([id + ".ndjson", segments[3]], SourceFiles.Scan(dir).VisibleNames);
    }

    [Fact]
    public async Task CompactAsync_AfterGracePeriod_DeletesOriginalsThenManifest()
    {
        await AppendBatchesAsync(Clicks, 20);
        var before = Totals(Clicks);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _compactor.CompactAsync(Clicks, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        Assert.Equal(20, Files(Clicks, "seg-*.ndjson").Length);
        Assert.Single(Files(Clicks, "cmp-*.covers"));

        _time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(0, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        Assert.Empty(Files(Clicks, "seg-*.ndjson"));
        Assert.Empty(Files(Clicks, "cmp-*.covers"));
        Assert.Single(Files(Clicks, "cmp-*.ndjson"));
        Assert.Equal(before, Totals(Clicks));
    }

    [Fact]
    public async Task CompactAsync_SegmentArrivingDuringCompaction_StaysVisible()
    {
        await AppendBatchesAsync(Clicks, 20);
        var before = Totals(Clicks);
        _time.Advance(TimeSpan.FromSeconds(10));
        _compactor.BeforeCommit = () => AppendBatchesAsync(Clicks, 1, perBatch: 2).GetAwaiter().GetResult();

        Assert.Equal(20, await _compactor.CompactAsync(Clicks, CancellationToken.None));

        var after = Totals(Clicks);
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(before.Ids + 61 + 62, after.Ids);
        var visible = SourceFiles.Scan(Dir(Clicks)).VisibleNames;
        Assert.Equal(2, visible.Count);
        Assert.Single(visible, n => n.StartsWith("seg-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompactAsync_CompactedFileAfterItsCleanup_IsMergedAgain()
    {
        await AppendBatchesAsync(Clicks, 20);
        _time.Advance(TimeSpan.FromMinutes(3));
        await _compactor.CompactAsync(Clicks, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        await _compactor.CompactAsync(Clicks, CancellationToken.None); // removes the first originals
        await AppendBatchesAsync(Clicks, 19);
        var before = Totals(Clicks);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(20, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        Assert.Equal(before, Totals(Clicks));

        _time.Advance(TimeSpan.FromMinutes(3));
        await _compactor.CompactAsync(Clicks, CancellationToken.None);
        Assert.Single(Directory.GetFiles(Dir(Clicks), "*.ndjson"));
        Assert.Empty(Files(Clicks, "cmp-*.covers"));
        Assert.Equal(before, Totals(Clicks));
        Assert.Equal(117L, before.Count);
    }

    [Fact]
    public async Task CompactAllAsync_TwoSources_CompactsEach()
    {
        var views = new QualifiedName("web", "views");
        await AppendBatchesAsync(Clicks, 20);
        await AppendBatchesAsync(views, 21);
        _time.Advance(TimeSpan.FromSeconds(10));

        var merged = await _compactor.CompactAllAsync(CancellationToken.None);

        // The fixture's sales.orders has only two segments and is left alone.
        Assert.Equal(41, merged);
        Assert.Single(Files(Clicks, "cmp-*.ndjson"));
        Assert.Single(Files(views, "cmp-*.ndjson"));
        Assert.Empty(Directory.GetFiles(Dir(LakeFixture.Orders), "cmp-*"));
    }

    [Fact]
    public async Task CompactAsync_SourceLockedByAnotherCompaction_ReturnsZero()
    {
        await AppendBatchesAsync(Clicks, 20);
        _time.Advance(TimeSpan.FromSeconds(10));
        using (new FileStream(Path.Combine(Dir(Clicks), ".compact.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(0, await _compactor.CompactAsync(Clicks, CancellationToken.None));
        }
        Assert.Equal(20, await _compactor.CompactAsync(Clicks, CancellationToken.None));
    }

    [Fact]
    public async Task CompactAsync_Cancelled_LeavesNoCompactionFiles()
    {
        await AppendBatchesAsync(Clicks, 20);
        var before = Totals(Clicks);
        _time.Advance(TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource();
        _compactor.BeforeCommit = cts.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _compactor.CompactAsync(Clicks, cts.Token));

        Assert.Empty(Files(Clicks, "cmp-*"));
        Assert.Empty(Files(Clicks, ".cmp-*"));
        Assert.Equal(before, Totals(Clicks));
    }

    [Fact]
    public void Constructor_GraceNotLongerThanQueryTimeout_Throws()
    {
        var options = _lake.WithLimits(new QueryLimits { Timeout = TimeSpan.FromMinutes(5) });
        Assert.Throws<ArgumentException>(() => new SegmentCompactor(options, _time));
    }

    [Fact]
    public void Create_IngestedSourceWithoutFiles_IsTypedAndEmpty()
    {
        Assert.Equal((0L, 0L, 0.0), Totals(new QualifiedName("shop", "nothing_yet")));
    }
}
