using System.Globalization;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Query;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests;

/// <summary>
/// Runs TUMBLE / HOP / SESSION, rewritten by <see cref="StreamingRewriter"/>, on real DuckDB over generated,
/// out-of-order events and compares the aggregates with the same windows computed in C# over the events.
/// </summary>
public sealed class WindowFunctionOracleTests : IDisposable
{
    private static readonly QualifiedName Clicks = new("web", "clicks");
    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    private static readonly DuckDbSqlParser Parser = new();

    /// <summary>The rewriter under test, on DuckDB's parser.</summary>
    private static class StreamingRewriter
    {
        public static StreamingRewrite Rewrite(string sql, Func<string, string?>? eventTimeOf = null) =>
            global::MeshStudio.Core.Dialect.StreamingRewriter.Rewrite(Parser, sql, eventTimeOf);
    }

    /// <summary>A multiple of 12,600 seconds since the epoch: a window end for every size used here.</summary>
    private static readonly DateTime Boundary = new(2026, 3, 1, 22, 30, 0, DateTimeKind.Utc);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "meshstudio-window-tests", Guid.NewGuid().ToString("N"));
    private readonly DuckDbQueryEngine _engine;
    private readonly SessionGrant _grant;
    private readonly List<Event> _events;

    private sealed record Event(string Id, DateTime Ts, string User, long Amount)
    {
        public long Ms => (long)(Ts - Epoch).TotalMilliseconds;
    }

    private sealed record Window(long StartMs, long EndMs, long Count, double Total, string? User = null);

    public WindowFunctionOracleTests()
    {
        Directory.CreateDirectory(_root);
        var options = new LakeOptions(_root);
        _engine = new DuckDbQueryEngine(options);
        _grant = new SessionGrant([new ReadableRelation(Clicks, RelationKind.IngestedSource,
            [new("id", "VARCHAR"), new("ts", "TIMESTAMP"), new("user_id", "VARCHAR"), new("amount", "DOUBLE")])]);
        _events = Generate();
        var store = new FileEventStore(options);
        foreach (var batch in _events.Chunk(47))
        {
            store.AppendAsync(Clicks, batch.Select(e => string.Create(CultureInfo.InvariantCulture,
                    $$"""{"id":"{{e.Id}}","ts":"{{e.Ts:yyyy-MM-dd'T'HH:mm:ss.fff}}","user_id":"{{e.User}}","amount":{{e.Amount}}}""")).ToList(),
                CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Bursts per user with short and long pauses, shuffled so that arrival order is not time order.</summary>
    private static List<Event> Generate()
    {
        var random = new Random(20260301);
        var events = new List<Event>();
        var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        foreach (var user in new[] { "ann", "bob", "cyd" })
        {
            var t = start.AddSeconds(random.Next(0, 600));
            for (var i = 0; i < 90; i++)
            {
                t = t.AddMilliseconds(random.Next(10) < 8 ? random.Next(0, 120_000) : random.Next(6 * 60_000, 40 * 60_000));
                events.Add(new Event($"{user}-{i}", t, user, random.Next(1, 100)));
            }
        }
        // just under one gap apart (same session), exactly one gap apart (new session: windows are half-open),
        // and before 1970 (negative epoch offsets)
        var edge = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        events.Add(new Event("edge-1", edge, "dan", 1));
        events.Add(new Event("edge-2", edge.AddMinutes(5).AddMilliseconds(-1), "dan", 2));
        events.Add(new Event("edge-3", edge.AddMinutes(10).AddMilliseconds(-1), "dan", 3));
        // just before, exactly at and one slide after a common window end (a multiple of 7, 10 and 5 minutes)
        events.Add(new Event("fay-1", Boundary.AddMilliseconds(-1), "fay", 6));
        events.Add(new Event("fay-2", Boundary, "fay", 7));
        events.Add(new Event("fay-3", Boundary.AddMinutes(1), "fay", 8));
        events.Add(new Event("old-1", new DateTime(1969, 12, 31, 23, 58, 30, 250, DateTimeKind.Utc), "eve", 4));
        events.Add(new Event("old-2", new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), "eve", 5));
        return events.OrderBy(_ => random.Next()).ToList();
    }

    private static long FloorTo(long value, long width) => (long)Math.Floor((double)value / width) * width;

    private static List<Window> Oracle(IEnumerable<(long StartMs, long EndMs, Event E)> assigned) =>
        assigned.GroupBy(a => (a.StartMs, a.EndMs))
            .Select(g => new Window(g.Key.StartMs, g.Key.EndMs, g.Count(), g.Sum(a => (double)a.E.Amount)))
            .OrderBy(w => w.StartMs).ToList();

    private async Task<List<Window>> RunAsync(string sql, bool withUser = false)
    {
        var rows = await QueryRunner.RowsAsync(_engine, _grant, StreamingRewriter.Rewrite(sql).Sql);
        return rows.Select(r => new Window((long)r[0]!, (long)r[1]!, (long)r[2]!, (double)r[3]!, withUser ? (string)r[4]! : null)).ToList();
    }

    [Fact]
    public async Task Tumble_SevenMinuteWindows_MatchesEpochAlignedOracle()
    {
        const long size = 7 * 60_000;
        var expected = Oracle(_events.Select(e => (FloorTo(e.Ms, size), FloorTo(e.Ms, size) + size, e)));

        var actual = await RunAsync("""
            SELECT epoch_ms(window_start), epoch_ms(window_end), count(*), sum(amount)
            FROM TUMBLE(web.clicks, ts, INTERVAL '7 minutes') AS t
            GROUP BY ALL ORDER BY 1
            """);

        Assert.True(expected.Count > 20);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Tumble_EveryRow_KeepsColumnsAndGetsOneWindowContainingIt()
    {
        var rows = await QueryRunner.RowsAsync(_engine, _grant, StreamingRewriter.Rewrite(
            "SELECT id, epoch_ms(ts), epoch_ms(window_start), epoch_ms(window_end) FROM TUMBLE(web.clicks, ts, INTERVAL 90 SECOND)").Sql);

        Assert.Equal(_events.Count, rows.Count);
        var byId = _events.ToDictionary(e => e.Id);
        Assert.All(rows, r =>
        {
            var ms = byId[(string)r[0]!].Ms;
            Assert.Equal(ms, (long)r[1]!);
            Assert.Equal(FloorTo(ms, 90_000), (long)r[2]!);
            Assert.Equal(FloorTo(ms, 90_000) + 90_000, (long)r[3]!);
        });
    }

    [Fact]
    public async Task Hop_OneMinuteSlideFiveMinuteSize_CountsEachEventInFiveWindows()
    {
        const long slide = 60_000, size = 5 * 60_000;
        // every multiple of the slide between ts - size and ts whose window [start, start + size) holds ts
        var expected = Oracle(_events.SelectMany(e =>
            Enumerable.Range(0, 12)
                .Select(k => FloorTo(e.Ms - size, slide) + (k * slide))
                .Where(s => s <= e.Ms && e.Ms < s + size)
                .Select(s => (s, s + size, e))));

        var actual = await RunAsync("""
            SELECT epoch_ms(window_start), epoch_ms(window_end), count(*), sum(amount)
            FROM HOP(web.clicks, ts, INTERVAL '1 minute', INTERVAL '5 minutes')
            GROUP BY ALL ORDER BY 1
            """);

        Assert.Equal(expected, actual);
        Assert.Equal(5L * _events.Count, actual.Sum(w => w.Count));
    }

    private async Task<List<(string Id, long StartMs, long EndMs)>> WindowsOfAsync(string user, string window)
    {
        var rows = await QueryRunner.RowsAsync(_engine, _grant, StreamingRewriter.Rewrite(
            $"SELECT id, epoch_ms(window_start), epoch_ms(window_end) FROM {window} AS w WHERE user_id = '{user}' ORDER BY 1, 2").Sql);
        return rows.Select(r => ((string)r[0]!, (long)r[1]!, (long)r[2]!)).ToList();
    }

    [Fact]
    public async Task Tumble_EventExactlyAtWindowEnd_BelongsToNextWindow()
    {
        var b = (long)(Boundary - Epoch).TotalMilliseconds;
        const long size = 7 * 60_000;

        var windows = await WindowsOfAsync("fay", "TUMBLE(web.clicks, ts, INTERVAL '7 minutes')");

        Assert.Equal([("fay-1", b - size, b), ("fay-2", b, b + size), ("fay-3", b, b + size)], windows);
    }

    [Fact]
    public async Task Hop_EventExactlyAtSizeOrSlideBoundary_BelongsOnlyToWindowsStartingAtOrBeforeIt()
    {
        var b = (long)(Boundary - Epoch).TotalMilliseconds;
        const long minute = 60_000, size = 5 * minute;
        // [start, start + size): fay-2 at b is not in the window ending at b; fay-3 at b + 1 minute (a slide
        // boundary) is in the window starting there and not in the one ending there
        List<(string, long, long)> expected =
        [
            .. Enumerable.Range(1, 5).Select(k => ("fay-1", b - (k * minute), b - (k * minute) + size)).OrderBy(w => w.Item2),
            .. Enumerable.Range(0, 5).Select(k => ("fay-2", b - (k * minute), b - (k * minute) + size)).OrderBy(w => w.Item2),
            .. Enumerable.Range(-1, 5).Select(k => ("fay-3", b - (k * minute), b - (k * minute) + size)).OrderBy(w => w.Item2),
        ];

        var windows = await WindowsOfAsync("fay", "HOP(web.clicks, ts, INTERVAL '1 minute', INTERVAL '5 minutes')");

        Assert.Equal(expected, windows);
    }

    [Fact]
    public async Task Session_PauseExactlyTheGap_StartsNewSession()
    {
        var edge = (long)(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc) - Epoch).TotalMilliseconds;
        const long gap = 5 * 60_000;
        var second = edge + gap - 1;
        var third = edge + (2 * gap) - 1;

        var windows = await WindowsOfAsync("dan", "SESSION(web.clicks, ts, INTERVAL '5 minutes', user_id)");

        // a pause of gap - 1 ms stays in the session; a pause of exactly the gap reaches its end, which is exclusive
        Assert.Equal([("edge-1", edge, second + gap), ("edge-2", edge, second + gap), ("edge-3", third, third + gap)], windows);
    }

    [Fact]
    public async Task Hop_SlideEqualsSize_EqualsTumble()
    {
        var hop = await RunAsync("SELECT epoch_ms(window_start), epoch_ms(window_end), count(*), sum(amount) FROM HOP(web.clicks, ts, INTERVAL '10 minutes', INTERVAL '10 minutes') GROUP BY ALL ORDER BY 1");
        var tumble = await RunAsync("SELECT epoch_ms(window_start), epoch_ms(window_end), count(*), sum(amount) FROM TUMBLE(web.clicks, ts, INTERVAL '10 minutes') GROUP BY ALL ORDER BY 1");

        Assert.Equal(tumble, hop);
    }

    private static List<Window> SessionOracle(IEnumerable<Event> events, long gapMs, bool perUser)
    {
        var windows = new List<Window>();
        foreach (var group in events.GroupBy(e => perUser ? e.User : ""))
        {
            var sorted = group.OrderBy(e => e.Ms).ToList();
            var first = 0;
            for (var i = 1; i <= sorted.Count; i++)
            {
                // half-open [first, last + gap): an event exactly at last + gap starts the next session
                if (i < sorted.Count && sorted[i].Ms < sorted[i - 1].Ms + gapMs)
                    continue;
                var session = sorted.GetRange(first, i - first);
                windows.Add(new Window(session[0].Ms, session[^1].Ms + gapMs, session.Count, session.Sum(e => (double)e.Amount), perUser ? group.Key : null));
                first = i;
            }
        }
        return windows.OrderBy(w => w.User).ThenBy(w => w.StartMs).ToList();
    }

    [Fact]
    public async Task Session_PerUserFiveMinuteGap_SplitsByGaps()
    {
        var expected = SessionOracle(_events, 5 * 60_000, perUser: true);

        var actual = await RunAsync("""
            SELECT epoch_ms(window_start), epoch_ms(window_end), count(*), sum(amount), user_id
            FROM SESSION(web.clicks, ts, INTERVAL '5 minutes', user_id) AS s
            GROUP BY ALL ORDER BY user_id, 1
            """, withUser: true);

        Assert.True(expected.Count > 20);
        Assert.Contains(expected, w => w is { User: "dan", Count: 2 });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Session_Global_SplitsAllEventsByGaps()
    {
        var expected = SessionOracle(_events, 2 * 60_000, perUser: false);

        var actual = await RunAsync("""
            SELECT epoch_ms(window_start), epoch_ms(window_end), count(*), sum(amount)
            FROM SESSION((SELECT * FROM web.clicks WHERE amount > 0), ts, INTERVAL 2 MINUTES)
            GROUP BY ALL ORDER BY 1
            """);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task StreamAsync_BinderErrorsInRewrittenQuery_MapToUserPositions()
    {
        const string inside = "SELECT count(*)\nFROM TUMBLE(web.clicks, tss, INTERVAL '1 minute')";
        const string after = "SELECT count(*)\nFROM TUMBLE(web.clicks, ts, INTERVAL '1 minute') AS t WHERE bogus > 1";

        var insideError = await ErrorAsync(inside);
        var afterError = await ErrorAsync(after);

        Assert.Contains("tss", insideError.Message, StringComparison.Ordinal);
        Assert.Equal((2, 6), (insideError.Line!.Value, insideError.Column!.Value));
        Assert.Contains("bogus", afterError.Message, StringComparison.Ordinal);
        Assert.Equal((2, after.Split('\n')[1].IndexOf("bogus", StringComparison.Ordinal) + 1), (afterError.Line!.Value, afterError.Column!.Value));
    }

    private async Task<SqlError> ErrorAsync(string sql)
    {
        var rewrite = StreamingRewriter.Rewrite(sql);
        var ex = await Assert.ThrowsAsync<SqlException>(() => QueryRunner.RowsAsync(_engine, _grant, rewrite.Sql));
        return rewrite.MapError(ex.Error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
