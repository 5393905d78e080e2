using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Engine.Tests;

public sealed class SnapshotRetentionTests : IDisposable
{
    private static readonly QualifiedName Daily = new("sales", "daily");

    private readonly LakeFixture _lake = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly SnapshotRetention _retention;

    public SnapshotRetentionTests() => _retention = new SnapshotRetention(_lake.Options, _time);

    public void Dispose() => _lake.Dispose();

    /// <summary>Creates a snapshot folder taken <paramref name="age"/> ago with a data file; returns its location.</summary>
    private string Snapshot(TimeSpan age, QualifiedName? product = null)
    {
        var location = LakeLayout.NewSnapshotLocation(product ?? Daily, (_time.GetUtcNow() - age).UtcDateTime);
        var folder = _lake.PathOf(location);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "data.parquet"), "x");
        return location;
    }

    private bool Exists(string location) => Directory.Exists(_lake.PathOf(location));

    [Fact]
    public void DeleteExpired_OldSnapshots_DeletesOnlyThoseOlderThanKeepExceptCurrent()
    {
        var oldest = Snapshot(TimeSpan.FromHours(5));
        var old = Snapshot(TimeSpan.FromHours(2));
        var current = Snapshot(TimeSpan.FromHours(3)); // the current one may be old (a paused job)
        var recent = Snapshot(TimeSpan.FromMinutes(10));
        var newest = Snapshot(TimeSpan.Zero);

        var deleted = _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1));

        Assert.Equal(2, deleted);
        Assert.False(Exists(oldest));
        Assert.False(Exists(old));
        Assert.True(Exists(current));
        Assert.True(Exists(recent));
        Assert.True(Exists(newest));
    }

    [Fact]
    public void DeleteExpired_FoldersThatAreNotSnapshots_AreLeftAlone()
    {
        var current = Snapshot(TimeSpan.Zero);
        var productDir = _lake.Layout.ProductDirectory(Daily);
        var notes = Path.Combine(productDir, "notes");
        var odd = Path.Combine(productDir, "snap-2020-bad");
        Directory.CreateDirectory(notes);
        Directory.CreateDirectory(odd);
        File.WriteAllText(Path.Combine(productDir, "snap-20200101000000000-aaaaaaaa"), "a file, not a folder");

        Assert.Equal(0, _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1)));
        Assert.True(Directory.Exists(notes));
        Assert.True(Directory.Exists(odd));
    }

    [Fact]
    public void DeleteExpired_OtherProducts_AreNotTouched()
    {
        var other = new QualifiedName("sales", "weekly");
        var otherOld = Snapshot(TimeSpan.FromDays(3), other);
        var old = Snapshot(TimeSpan.FromDays(3));
        var current = Snapshot(TimeSpan.Zero);

        Assert.Equal(1, _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1)));
        Assert.False(Exists(old));
        Assert.True(Exists(otherOld));
        Assert.True(Exists(_lake.RevenueLocation));
    }

    [Fact]
    public void DeleteExpired_CurrentLocationOfAnotherProduct_ThrowsAndDeletesNothing()
    {
        var old = Snapshot(TimeSpan.FromDays(3));

        Assert.Throws<ArgumentException>(() => _retention.DeleteExpired(Daily, _lake.RevenueLocation, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => _retention.DeleteExpired(Daily, "sales/products/daily/../revenue/x/", TimeSpan.FromHours(1)));
        Assert.True(Exists(old));
    }

    [Fact]
    public void DeleteExpired_NoProductFolder_ReturnsZero()
    {
        var product = new QualifiedName("sales", "never_ran");
        var location = LakeLayout.NewSnapshotLocation(product, _time.GetUtcNow().UtcDateTime);

        Assert.Equal(0, _retention.DeleteExpired(product, location, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void DeleteExpired_SymlinkedSnapshotFolder_IsNotFollowed()
    {
        var current = Snapshot(TimeSpan.Zero);
        var outside = Path.Combine(_lake.Root, "outside");
        Directory.CreateDirectory(outside);
        var precious = Path.Combine(outside, "precious.txt");
        File.WriteAllText(precious, "keep");
        var link = Path.Combine(_lake.Layout.ProductDirectory(Daily), "snap-20200101000000000-cccccccc");
        Directory.CreateSymbolicLink(link, outside);

        Assert.Equal(0, _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1)));
        Assert.True(File.Exists(precious));
    }

    [Fact]
    public async Task DeleteExpired_TwoConcurrentRuns_DeleteEachFolderOnceWithoutErrors()
    {
        var expired = Enumerable.Range(1, 60).Select(i => Snapshot(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(i))).ToList();
        var current = Snapshot(TimeSpan.Zero);

        var runs = await Task.WhenAll(
            Task.Run(() => _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1))),
            Task.Run(() => _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1))));

        Assert.Equal(60, runs.Sum());
        Assert.All(expired, l => Assert.False(Exists(l)));
        Assert.True(Exists(current));
    }

    [Fact]
    public void DeleteExpired_ClaimedFolderLeftByACrash_IsRemovedButNotCounted()
    {
        var current = Snapshot(TimeSpan.Zero);
        var leftover = Path.Combine(_lake.Layout.ProductDirectory(Daily), ".del-snap-20200101000000000-dddddddd-0123");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "data.parquet"), "x");

        Assert.Equal(0, _retention.DeleteExpired(Daily, current, TimeSpan.FromHours(1)));
        Assert.False(Directory.Exists(leftover));
    }
}
