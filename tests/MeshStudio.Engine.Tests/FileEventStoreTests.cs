using System.Text.Json;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Engine.Tests;

public sealed class FileEventStoreTests(LakeFixture lake) : IClassFixture<LakeFixture>, IDisposable
{
    private readonly FileEventStore _store = new(lake.Options);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task AppendAsync_Batch_WritesOneSegmentAndNoTempFile()
    {
        var source = new QualifiedName("shop", "clicks");
        string[] events = ["""{"id":1,"page":"home"}""", """{"id":2,"page":"caf\u00e9 \"x\""}"""];

        await _store.AppendAsync(source, events, CancellationToken.None);

        var dir = lake.Layout.SourceDirectory(source);
        var files = Directory.GetFiles(dir);
        var segment = Assert.Single(files);
        Assert.Matches(@"seg-\d{19}-[0-9a-f]{32}\.ndjson$", segment);
        Assert.Equal(events, File.ReadAllLines(segment));
        Assert.All(File.ReadAllLines(segment), l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task AppendAsync_TwoBatches_AreSeparateSegmentsInOrder()
    {
        var source = new QualifiedName("shop", "views");
        await _store.AppendAsync(source, ["""{"n":1}"""], CancellationToken.None);
        await _store.AppendAsync(source, ["""{"n":2}"""], CancellationToken.None);

        var files = Directory.GetFiles(lake.Layout.SourceDirectory(source), "seg-*.ndjson").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal(["""{"n":1}""", """{"n":2}"""], files.SelectMany(File.ReadAllLines));
    }

    [Fact]
    public async Task AppendAsync_LineWithNewline_RejectsWholeBatch()
    {
        var source = new QualifiedName("shop", "broken");
        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(source, ["""{"a":1}""", "{\"a\":\n2}"], CancellationToken.None));

        var dir = lake.Layout.SourceDirectory(source);
        Assert.True(!Directory.Exists(dir) || Directory.GetFiles(dir).Length == 0);
    }

    [Fact]
    public async Task AppendAsync_Cancelled_LeavesNothing()
    {
        var source = new QualifiedName("shop", "cancelled");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.AppendAsync(source, ["""{"a":1}"""], cts.Token));

        var dir = lake.Layout.SourceDirectory(source);
        Assert.True(!Directory.Exists(dir) || Directory.GetFiles(dir).Length == 0);
    }

    [Fact]
    public async Task AppendAsync_InvalidName_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(new QualifiedName("..", "x"), ["{}"], CancellationToken.None));
    }

    [Fact]
    public void Segments_WrittenByFixture_AreCompleteAndTempFree()
    {
        var dir = lake.Layout.SourceDirectory(LakeFixture.Orders);
        Assert.Equal(2, Directory.GetFiles(dir, "seg-*.ndjson").Length);
        Assert.Empty(Directory.GetFiles(dir, ".tmp-*"));
    }
}
