using System.Globalization;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Engine.Tests.Ingestion;

/// <summary>
/// A keyed batch and its key are both stored or neither, whatever moment a crash hits: the folder states a crash can
/// leave are built by hand and a new store (a restarted server) must read them right.
/// </summary>
public sealed class BatchKeyCrashTests : IDisposable
{
    private static readonly QualifiedName Source = new("shop", "orders");
    private static readonly string[] Events = ["""{"id":1}""", """{"id":2}"""];
    private static readonly string Body = string.Join("\n", Events);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "meshstudio-key-tests", Guid.NewGuid().ToString("N"));
    private readonly LakeOptions _options;

    public BatchKeyCrashTests() => _options = new LakeOptions(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string SourceDirectory => new LakeLayout(_options).SourceDirectory(Source);

    private string[] StoredLines() =>
        SourceFiles.Scan(SourceDirectory).VisiblePaths.SelectMany(File.ReadAllLines).ToArray();

    [Fact]
    public async Task AppendOnceAsync_AfterRestart_ReplaysWithoutStoringAgain()
    {
        var key = BatchKey.Of("k-1", Body);
        using (var before = new FileEventStore(_options))
            await before.AppendOnceAsync(Source, Events, key, CancellationToken.None);

        using var after = new FileEventStore(_options);
        var retry = await after.AppendOnceAsync(Source, Events, key, CancellationToken.None);

        Assert.Equal(new StoredBatch(2, Replayed: true), retry);
        Assert.Equal(Events, StoredLines());
    }

    [Fact]
    public async Task AppendOnceAsync_KeyLoggedButCrashBeforeRename_IsRolledBackAndTheRetryStores()
    {
        var key = BatchKey.Of("k-2", Body);
        // The crash state: the complete temp segment and its logged key, but no rename.
        Directory.CreateDirectory(Path.Combine(SourceDirectory, BatchKeyLog.FolderName));
        var temp = BatchKeyLog.TempPrefix + "crashed";
        await File.WriteAllLinesAsync(Path.Combine(SourceDirectory, temp), Events);
        await File.WriteAllTextAsync(Path.Combine(SourceDirectory, BatchKeyLog.FolderName, $"{DateTime.UtcNow:yyyyMMddHH}-crashed.log"),
            string.Create(CultureInfo.InvariantCulture, $"+ {key.KeyHash:X32} {key.BodyHash:X32} 2 {DateTime.UtcNow.Ticks} {temp}\n"));

        using var store = new FileEventStore(_options);
        var retry = await store.AppendOnceAsync(Source, Events, key, CancellationToken.None);

        Assert.Equal(new StoredBatch(2, Replayed: false), retry);
        Assert.Equal(Events, StoredLines());
        Assert.False(File.Exists(Path.Combine(SourceDirectory, temp)));
    }

    [Fact]
    public async Task AppendOnceAsync_CrashWhileLoggingTheKey_TornLineIsIgnoredAndTheRetryStores()
    {
        var key = BatchKey.Of("k-3", Body);
        Directory.CreateDirectory(Path.Combine(SourceDirectory, BatchKeyLog.FolderName));
        var temp = BatchKeyLog.TempPrefix + "torn";
        await File.WriteAllLinesAsync(Path.Combine(SourceDirectory, temp), Events);
        await File.WriteAllTextAsync(Path.Combine(SourceDirectory, BatchKeyLog.FolderName, $"{DateTime.UtcNow:yyyyMMddHH}-torn.log"),
            string.Create(CultureInfo.InvariantCulture, $"+ {key.KeyHash:X32} {key.BodyHash:X32} 2 {DateTime.UtcNow.Ticks} .key-to"));

        using var store = new FileEventStore(_options);
        var retry = await store.AppendOnceAsync(Source, Events, key, CancellationToken.None);

        Assert.False(retry.Replayed);
        Assert.Equal(Events, StoredLines());
        Assert.Empty(Directory.GetFiles(SourceDirectory, BatchKeyLog.TempPrefix + "*"));
    }

    [Fact]
    public async Task FindAsync_KeyOlderThanTheRetention_IsForgotten()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var key = BatchKey.Of("k-4", Body);
        using var store = new FileEventStore(_options, time, TimeSpan.FromHours(1));
        await store.AppendOnceAsync(Source, Events, key, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await store.FindAsync(Source, key, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await store.FindAsync(Source, key, CancellationToken.None));
    }

    [Fact]
    public async Task AppendOnceAsync_SameKeyOtherBody_IsRefused()
    {
        using var store = new FileEventStore(_options);
        await store.AppendOnceAsync(Source, Events, BatchKey.Of("k-5", Body), CancellationToken.None);

        await Assert.ThrowsAsync<BatchKeyReusedException>(() =>
            store.AppendOnceAsync(Source, ["""{"id":3}"""], BatchKey.Of("k-5", """{"id":3}"""), CancellationToken.None));
        Assert.Equal(Events, StoredLines());
    }
}
