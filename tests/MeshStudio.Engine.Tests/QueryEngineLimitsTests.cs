using System.Diagnostics;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Query;

namespace MeshStudio.Engine.Tests;

public sealed class QueryEngineLimitsTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private const string LongQuery = "SELECT count(*) FROM range(10000000000)";

    [Fact]
    public async Task StreamAsync_LongQuery_IsStoppedByTimeoutWithClearMessage()
    {
        var engine = new DuckDbQueryEngine(lake.WithLimits(new QueryLimits { Timeout = TimeSpan.FromMilliseconds(500) }));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.CollectAsync(engine, SessionGrant.Empty, LongQuery));

        Assert.Equal("Query stopped: it ran longer than the 500 ms limit for one query.", ex.Error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(0, engine.ActiveSessions);
    }

    [Fact]
    public async Task StreamAsync_SlowConsumerPastTimeout_IsStopped()
    {
        var engine = new DuckDbQueryEngine(lake.WithLimits(new QueryLimits { Timeout = TimeSpan.FromMilliseconds(300) }));
        var ex = await Assert.ThrowsAsync<SqlException>(async () =>
        {
            await foreach (var _ in engine.StreamAsync(SessionGrant.Empty, "FROM range(100000000)", 1000, CancellationToken.None))
                await Task.Delay(50);
        });
        Assert.Contains("300 ms limit", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeout_WholeSeconds_AreShownInSeconds()
    {
        Assert.Equal("Query stopped: it ran longer than the 30 s limit for one query.", Sql.SqlFailures.Timeout(TimeSpan.FromSeconds(30)).Error.Message);
    }

    [Fact]
    public async Task StreamAsync_CallerCancels_StopsQuicklyWithOperationCanceled()
    {
        var engine = new DuckDbQueryEngine(lake.Options);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueryRunner.CollectAsync(engine, SessionGrant.Empty, LongQuery, cancellationToken: cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(0, engine.ActiveSessions);
    }

    [Fact]
    public async Task StreamAsync_MoreQueriesThanSessions_WaitForAFreeSession()
    {
        var engine = new DuckDbQueryEngine(lake.WithLimits(new QueryLimits(), maxSessions: 1));
        await using var first = engine.StreamAsync(SessionGrant.Empty, "FROM range(100000)", 10, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueryRunner.CollectAsync(engine, SessionGrant.Empty, "SELECT 1", cancellationToken: cts.Token));

        await first.DisposeAsync();
        var rows = await QueryRunner.RowsAsync(engine, SessionGrant.Empty, "SELECT 1");
        Assert.Single(rows);
    }
}
