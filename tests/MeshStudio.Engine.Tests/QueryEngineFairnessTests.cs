using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Query;

namespace MeshStudio.Engine.Tests;

public sealed class QueryEngineFairnessTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private static readonly SessionGrant Alice = SessionGrant.Empty with { Caller = QueryCaller.ForUser("alice") };
    private static readonly SessionGrant Bob = SessionGrant.Empty with { Caller = QueryCaller.ForUser("bob") };

    private DuckDbQueryEngine Engine(int total = 4, int perUser = 2, int queued = 8) => new(new LakeOptions(lake.Root)
    {
        Sessions = new SessionSharing { MaxSessions = total, MaxSessionsPerUser = perUser, MaxQueuedPerUser = queued, MaxWait = TimeSpan.FromMinutes(1) },
    });

    [Fact]
    public async Task StreamAsync_OneUsersSleepingQueriesFillTheirShare_AnotherUsersQueryAnswersWhileTheySleep()
    {
        var engine = Engine(total: 4, perUser: 2);
        using var stop = new CancellationTokenSource();
        var sleepers = Enumerable.Range(0, 4)
            .Select(_ => QueryRunner.CollectAsync(engine, Alice, "SELECT pg_sleep(60)", cancellationToken: stop.Token))
            .ToList();

        var rows = await QueryRunner.RowsAsync(engine, Bob, "SELECT 1");

        Assert.Equal(1, Convert.ToInt32(rows.Single()[0], CultureInfo.InvariantCulture));
        Assert.All(sleepers, s => Assert.False(s.IsCompleted));
        await stop.CancelAsync();
        foreach (var sleeper in sleepers)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeper);
    }

    [Fact]
    public async Task StreamAsync_UserAtTheirShare_WaitsAndIsToldSo_UntilOneOfTheirsEnds()
    {
        var engine = Engine(total: 4, perUser: 2);
        await using var first = await HoldAsync(engine, Alice);
        await using var second = await HoldAsync(engine, Alice);
        var queued = 0;

        var third = QueryRunner.RowsAsync(engine, Alice with { Caller = Alice.Caller with { Queued = () => Interlocked.Increment(ref queued) } }, "SELECT 3");
        var other = await QueryRunner.RowsAsync(engine, Bob, "SELECT 1");

        Assert.Single(other);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, Volatile.Read(ref queued));
        await first.DisposeAsync();
        Assert.Equal(3, Convert.ToInt32((await third).Single()[0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task StreamAsync_FreedSession_GoesToTheUserHoldingFewest()
    {
        var engine = Engine(total: 2, perUser: 2);
        await using var alice1 = await HoldAsync(engine, Alice);
        var alice2 = await HoldAsync(engine, Alice);
        var aliceWaits = QueryRunner.RowsAsync(engine, Alice, "SELECT 'alice'");
        var bobWaits = QueryRunner.RowsAsync(engine, Bob, "SELECT 'bob'");

        await alice2.DisposeAsync();

        Assert.Equal("bob", (await bobWaits).Single()[0]);
        Assert.False(aliceWaits.IsCompleted);
        await alice1.DisposeAsync();
        Assert.Equal("alice", (await aliceWaits).Single()[0]);
    }

    [Fact]
    public async Task StreamAsync_TooManyWaiting_IsRefusedWithTheUsersLimit()
    {
        var engine = Engine(total: 4, perUser: 1, queued: 1);
        await using var running = await HoldAsync(engine, Alice);
        using var stop = new CancellationTokenSource();
        var waiting = QueryRunner.CollectAsync(engine, Alice, "SELECT 2", cancellationToken: stop.Token);

        var ex = await Assert.ThrowsAsync<QueryBusyException>(() => QueryRunner.CollectAsync(engine, Alice, "SELECT 3"));

        Assert.True(ex.IsUserLimit);
        Assert.Equal("Too many queries at once: you have 1 running and 1 waiting for a free query slot. Wait for one to finish or cancel one.", ex.Message);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task StreamAsync_BackgroundCaller_DoesNotQueueBehindUsers()
    {
        var engine = Engine(total: 1, perUser: 1);
        await using var running = await HoldAsync(engine, Alice);

        var rows = await QueryRunner.RowsAsync(engine, SessionGrant.Empty with { Caller = QueryCaller.Background }, "SELECT 1");

        Assert.Single(rows);
    }

    /// <summary>A query that has produced its first batch and holds its session while its consumer is idle.</summary>
    private static async Task<IAsyncEnumerator<QueryBatch>> HoldAsync(DuckDbQueryEngine engine, SessionGrant grant)
    {
        var stream = engine.StreamAsync(grant, "FROM range(1000000)", 10, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        return stream;
    }
}
