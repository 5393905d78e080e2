using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Engine.Tests.Ingestion;

/// <summary>Reads of a source between two positions see each event once, also across compactions bounded by a horizon.</summary>
public sealed class SourcePositionTests : IDisposable
{
    private static readonly IReadOnlyList<ColumnSchema> Columns = [new("id", "BIGINT")];
    private static readonly QualifiedName Clicks = new("shop", "clicks");

    private readonly LakeFixture _lake = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FileEventStore _store;
    private int _nextId;

    public SourcePositionTests() => _store = new FileEventStore(_lake.Options, _time);

    public void Dispose() => _lake.Dispose();

    private SourceFiles Scan() => SourceFiles.Scan(_lake.Layout.SourceDirectory(Clicks));

    private async Task AppendAsync(int batches)
    {
        for (var b = 0; b < batches; b++)
        {
            await _store.AppendAsync(Clicks, [string.Create(CultureInfo.InvariantCulture, $$"""{"id":{{++_nextId}}}""")], CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>The ids a job run reading (after, upTo] sees through the real sandboxed relation.</summary>
    private List<long> Read(long after, long upTo)
    {
        var grant = new SessionGrant([new ReadableRelation(Clicks, RelationKind.IngestedSource, Columns, Range: new SegmentRange(after, upTo))]);
        using var session = SandboxSession.Open(_lake.Layout, new QueryLimits(), grant);
        using var command = session.CreateCommand("SELECT id FROM shop.clicks ORDER BY id");
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    [Fact]
    public async Task Segments_appended_at_the_same_clock_time_still_get_increasing_positions()
    {
        await _store.AppendAsync(Clicks, ["""{"id":1}"""], CancellationToken.None);
        var first = Scan().Tail;
        await _store.AppendAsync(Clicks, ["""{"id":2}"""], CancellationToken.None); // the clock did not move

        Assert.True(Scan().Tail > first);
        Assert.Equal([2L], Read(first, Scan().Tail));
    }

    [Fact]
    public async Task A_run_from_a_checkpoint_reads_exactly_the_newer_events()
    {
        await AppendAsync(5);
        var checkpoint = Scan().Tail;
        await AppendAsync(3);

        Assert.Equal([1L, 2, 3, 4, 5], Read(0, checkpoint));
        Assert.Equal([6L, 7, 8], Read(checkpoint, Scan().Tail));
        Assert.Empty(Read(Scan().Tail, Scan().Tail));
    }

    [Fact]
    public async Task Compaction_up_to_the_slowest_checkpoint_keeps_every_read_exact()
    {
        await AppendAsync(25);
        var slowest = Scan().Tail;
        await AppendAsync(25);
        var tail = Scan().Tail;
        _time.Advance(TimeSpan.FromSeconds(10));

        var merged = await new SegmentCompactor(_lake.Options, _time).CompactAsync(Clicks, slowest, CancellationToken.None);

        Assert.Equal(25, merged);
        Assert.Contains(Scan().VisibleNames, n => n.StartsWith(SourceFiles.CompactedPrefix, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), Read(0, slowest));
        Assert.Equal(Enumerable.Range(26, 25).Select(i => (long)i), Read(slowest, tail));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), Read(0, tail));
    }

    [Fact]
    public async Task A_read_position_inside_a_compacted_file_is_refused_rather_than_read_twice()
    {
        await AppendAsync(25);
        var middle = SourceFiles.PositionRange(Scan().VisibleNames[10]).Last;
        _time.Advance(TimeSpan.FromSeconds(10));
        await new SegmentCompactor(_lake.Options, _time).CompactAsync(Clicks, CancellationToken.None);

        var error = Assert.Throws<InvalidOperationException>(() => Scan().PathsBetween(middle, Scan().Tail));
        Assert.Contains("exactly once", error.Message, StringComparison.Ordinal);
    }
}
