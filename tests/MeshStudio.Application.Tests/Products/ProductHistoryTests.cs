using MeshStudio.Application.Products;
using MeshStudio.Catalog.Products;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Products;

/// <summary>The snapshot history behind time travel: one entry per commit, pruned after the retention (default 10 minutes).</summary>
public sealed class ProductHistoryTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Every_commit_is_listed_newest_first_and_entries_older_than_the_retention_are_pruned_when_one_is_added()
    {
        var t0 = _ctx.Clock.GetUtcNow().UtcDateTime;
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_clean"); // snap-1, 42 rows
        await CommitAsync("snap-2", 10, after: TimeSpan.FromMinutes(4));
        await CommitAsync("snap-3", 20, after: TimeSpan.FromMinutes(4));

        var history = await HistoryAsync();
        Assert.Equal(["snap-3", "snap-2", "snap-1"], Names(history));
        Assert.Equal([0, 1, 2], history.Snapshots.Select(s => s.StepsBack));
        Assert.Equal([true, false, false], history.Snapshots.Select(s => s.IsCurrent));
        Assert.Equal(t0, history.Oldest!.CommittedAt);
        Assert.Equal(ProductHistoryOptions.DefaultRetention, history.Retention);
        Assert.Equal("snap-2", Name(history.AsOf(t0.AddMinutes(5))));
        Assert.Equal("snap-1", Name(history.AsOf(t0)));
        Assert.Null(history.AsOf(t0.AddSeconds(-1)));
        Assert.Equal("snap-1", Name(history.Back(2)));
        Assert.Null(history.Back(3));

        // 15 minutes after the first commit: snap-1 (0 min) and snap-2 (4 min) are older than 10 minutes.
        await CommitAsync("snap-4", 30, after: TimeSpan.FromMinutes(7));
        Assert.Equal(["snap-4", "snap-3"], Names(await HistoryAsync()));

        // Nothing is pruned without a commit; the current snapshot is always kept however old.
        _ctx.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(["snap-4", "snap-3"], Names(await HistoryAsync()));
        await CommitAsync("snap-5", 40, after: TimeSpan.Zero);
        Assert.Equal(["snap-5"], Names(await HistoryAsync()));
    }

    [Fact]
    public async Task Only_readers_of_the_product_see_its_history()
    {
        await _ctx.PublishAsync(_ctx.Sam, "sales.orders_clean", "Orders", "Clean orders of the web shop, without personal data.", []);

        Assert.Null(await _ctx.Products.HistoryAsync(_ctx.Sally, Q("sales.nothing"), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Products.HistoryAsync(_ctx.Leo, Q("sales.orders_clean"), Ct));
        Assert.Single((await _ctx.Products.HistoryAsync(_ctx.Sally, Q("sales.orders_clean"), Ct))!.Snapshots);
    }

    [Fact]
    public async Task A_draft_of_another_domain_has_no_visible_history()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_clean");

        Assert.Null(await _ctx.Products.HistoryAsync(_ctx.Mia, Q("sales.orders_clean"), Ct));
    }

    private async Task CommitAsync(string folder, long rows, TimeSpan after)
    {
        _ctx.Clock.Advance(after);
        await _ctx.Products.RecordSnapshotAsync(Q("sales.orders_clean"),
            new SnapshotResult($"sales/orders_clean/{folder}", rows, CleanColumns), new Dictionary<string, IReadOnlyCollection<string>>(), Ct);
    }

    private async Task<ProductHistory> HistoryAsync() =>
        (await _ctx.Products.HistoryAsync(_ctx.Sam, Q("sales.orders_clean"), Ct))!;

    private static string? Name(ProductSnapshotInfo? snapshot) => snapshot?.Location.Split('/')[^1];

    private static List<string?> Names(ProductHistory history) => history.Snapshots.Select(Name).ToList();
}
