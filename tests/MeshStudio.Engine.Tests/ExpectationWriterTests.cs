using System.Globalization;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Products;
using MeshStudio.Engine.Query;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Engine.Tests;

/// <summary>Expectations checked on a job's input rows by the product writer, on real DuckDB files.</summary>
public sealed class ExpectationWriterTests : IDisposable
{
    private static readonly QualifiedName Events = new("sales", "events");
    private static readonly QualifiedName Totals = new("sales", "totals");
    private static readonly IReadOnlyList<ColumnSchema> EventColumns = [new("id", "VARCHAR"), new("country", "VARCHAR"), new("amount", "DOUBLE")];

    /// <summary>Input events: (id, country, amount); null amounts satisfy every predicate (SQL semantics).</summary>
    private static readonly (string Id, string Country, double? Amount)[] Input =
    [
        ("e1", "NL", 10), ("e2", "NL", -4), ("e3", "DE", 7.5), ("e4", "DE", -1), ("e5", "NL", null), ("e6", "US", 3), ("e7", "US", -2.25),
    ];

    private const string Select = "SELECT country, sum(amount) AS revenue, count(*) AS events FROM sales.events GROUP BY country ORDER BY country";

    private readonly LakeFixture _lake = new();
    private readonly DuckDbProductWriter _writer;

    public ExpectationWriterTests()
    {
        _writer = new DuckDbProductWriter(_lake.Options);
        var json = Input.Select(e => string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"{{e.Id}}","country":"{{e.Country}}","amount":{{(e.Amount is { } a ? a.ToString(CultureInfo.InvariantCulture) : "null")}}}"""));
        new FileEventStore(_lake.Options).AppendAsync(Events, json.ToList(), CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _lake.Dispose();

    private static SessionGrant Grant => new([new ReadableRelation(Events, RelationKind.IngestedSource, EventColumns)]);

    private static ExpectationCheck Positive(ExpectationAction action) => new("positive_amount", "amount >= 0", action, Events);

    private async Task<List<object?[]>> ProductRowsAsync(SnapshotResult result)
    {
        var engine = new DuckDbQueryEngine(_lake.Options);
        var grant = new SessionGrant([new ReadableRelation(Totals, RelationKind.Product, Location: result.Location)]);
        return await QueryRunner.RowsAsync(engine, grant, "SELECT country, revenue, events FROM sales.totals ORDER BY country");
    }

    private static List<string> Expected(Func<(string Id, string Country, double? Amount), bool> keep) =>
        Input.Where(keep).GroupBy(e => e.Country).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(e => e.Amount ?? 0)} {g.Count()}"))
            .ToList();

    private static List<string> Render(List<object?[]> rows) =>
        rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]} {Convert.ToDouble(r[1] ?? 0.0, CultureInfo.InvariantCulture)} {r[2]}")).ToList();

    [Fact]
    public async Task WriteSnapshotAsync_Drop_RemovesViolatingRowsBeforeAggregation()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals, [Positive(ExpectationAction.Drop)]), CancellationToken.None);

        Assert.Equal(Expected(e => e.Amount is null || e.Amount >= 0), Render(await ProductRowsAsync(result)));
        var outcome = Assert.Single(result.Expectations);
        Assert.Equal(("positive_amount", ExpectationAction.Drop, 3L), (outcome.Name, outcome.Action, outcome.Violations));
    }

    [Fact]
    public async Task WriteSnapshotAsync_Drop_QuarantineHoldsExactlyTheViolatingRowsAndIsReadableAlone()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals, [Positive(ExpectationAction.Drop)]), CancellationToken.None);

        Assert.Equal(LakeLayout.QuarantineLocationOf(result.Location), result.QuarantineLocation);
        var engine = new DuckDbQueryEngine(_lake.Options);
        var grant = new SessionGrant([new ReadableRelation(new QualifiedName("sales", "quarantine"), RelationKind.Quarantine, Location: result.QuarantineLocation)]);
        var rows = await QueryRunner.RowsAsync(engine, grant, "SELECT _expectation, id, amount FROM sales.quarantine ORDER BY id");
        Assert.Equal(
            Input.Where(e => e.Amount < 0).Select(e => string.Create(CultureInfo.InvariantCulture, $"positive_amount {e.Id} {e.Amount}")),
            rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]} {r[1]} {r[2]}")));
    }

    [Fact]
    public async Task WriteSnapshotAsync_ProductReader_CannotReachQuarantine()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals, [Positive(ExpectationAction.Drop)]), CancellationToken.None);

        var engine = new DuckDbQueryEngine(_lake.Options);
        var grant = new SessionGrant([new ReadableRelation(Totals, RelationKind.Product, Location: result.Location)]);
        var file = Path.Combine(_lake.PathOf(result.QuarantineLocation!), "positive_amount.parquet").Replace('\\', '/');
        await Assert.ThrowsAsync<SqlException>(() => QueryRunner.RowsAsync(engine, grant, $"SELECT * FROM read_parquet('{file}')"));
    }

    [Fact]
    public async Task WriteSnapshotAsync_Warn_KeepsRowsAndCounts()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals,
            [Positive(ExpectationAction.Warn), new("known_country", "country IN ('NL', 'DE')", ExpectationAction.Warn, Events)]), CancellationToken.None);

        Assert.Equal(Expected(_ => true), Render(await ProductRowsAsync(result)));
        Assert.Equal([3L, 2L], result.Expectations.Select(e => e.Violations));
        Assert.Null(result.QuarantineLocation);
    }

    [Fact]
    public async Task WriteSnapshotAsync_Fail_ThrowsWithCountAndExampleAndWritesNothing()
    {
        var productDirectory = _lake.Layout.ProductDirectory(Totals);

        var error = await Assert.ThrowsAsync<ExpectationFailedException>(() => _writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals,
            [Positive(ExpectationAction.Warn), new("has_amount", "amount IS NOT NULL", ExpectationAction.Fail, Events)]), CancellationToken.None));

        Assert.StartsWith("Expectation has_amount failed on 1 input row of sales.events (e.g. {", error.Error.Message, StringComparison.Ordinal);
        Assert.Contains("e5", error.Error.Message, StringComparison.Ordinal);
        Assert.Equal([3L, 1L], error.Outcomes.Select(o => o.Violations));
        Assert.Empty(Directory.Exists(productDirectory) ? Directory.EnumerateFileSystemEntries(productDirectory, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task WriteSnapshotAsync_NoViolations_RecordsZeroAndNoQuarantine()
    {
        var result = await _writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals,
            [new("has_id", "id IS NOT NULL", ExpectationAction.Drop, Events), new("has_id_too", "id <> ''", ExpectationAction.Fail, Events)]), CancellationToken.None);

        Assert.Equal([0L, 0L], result.Expectations.Select(e => e.Violations));
        Assert.Null(result.QuarantineLocation);
        Assert.Equal(Input.Length, Render(await ProductRowsAsync(result)).Sum(r => int.Parse(r.Split(' ')[2], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task DeleteExpired_OldQuarantine_DeletedWithItsSnapshotAgeButCurrentKept()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-3));
        var writer = new DuckDbProductWriter(_lake.Options, time);
        var old = await writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals, [Positive(ExpectationAction.Drop)]), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(3));
        var current = await writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, Select, [], Totals, [Positive(ExpectationAction.Drop)]), CancellationToken.None);

        new SnapshotRetention(_lake.Options, time).DeleteExpired(Totals, current.Location, TimeSpan.FromHours(1));

        Assert.False(Directory.Exists(_lake.PathOf(old.QuarantineLocation!)));
        Assert.True(Directory.Exists(_lake.PathOf(current.QuarantineLocation!)));
    }
}
