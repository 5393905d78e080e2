using System.Globalization;
using MeshStudio.Application.Access;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Products;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Execution;

/// <summary>
/// Time travel against real SQLite, DuckDB and lake folders: every commit is recorded, and
/// <c>SNAPSHOT(domain.product, n | TIMESTAMP '…')</c> reads an earlier snapshot with the same access rule as the product.
/// </summary>
public sealed class TimeTravelTests : IAsyncLifetime
{
    private const string Product = "sales.orders_out";
    private ComponentTestContext _ctx = null!;

    public async Task InitializeAsync()
    {
        _ctx = await ComponentTestContext.CreateAsync();
        // The deploy runs the job once: the first snapshot holds the 3 seeded orders.
        await _ctx.DeploySalesProductAsync("orders_out", "SELECT order_id, country, amount FROM sales.orders");
        await _ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.orders"),
        [
            """{"order_id":"o4","ts":"2026-03-01T10:03:00","country":"NL","amount":7.0,"email":"dee@example.com"}""",
            """{"order_id":"o5","ts":"2026-03-01T10:04:00","country":"US","amount":8.0,"email":"eve@example.com"}""",
        ], CancellationToken.None);
        var run = await _ctx.Get<JobRunner>().RunAsync(ComponentTestContext.Q("sales.orders_out_job"), CancellationToken.None);
        Assert.True(run.Succeeded, run.Error?.ToString());
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task After_two_commits_one_back_reads_the_earlier_count_and_the_product_the_new_one()
    {
        Assert.Equal(3L, await ScalarAsync("sally", $"SELECT count(*) FROM SNAPSHOT({Product}, 1)"));
        Assert.Equal(5L, await ScalarAsync("sally", $"SELECT count(*) FROM {Product}"));
        Assert.Equal(5L, await ScalarAsync("sally", $"SELECT count(*) FROM SNAPSHOT({Product}, 0)"));
        // Both in one query: the orders that are new since the previous snapshot.
        Assert.Equal(2L, await ScalarAsync("sally", $"""
            SELECT count(*) FROM {Product} now
            LEFT JOIN SNAPSHOT({Product}, 1) AS before ON before.order_id = now.order_id
            WHERE before.order_id IS NULL
            """));
    }

    [Fact]
    public async Task A_time_reads_the_snapshot_current_then()
    {
        var history = await _ctx.Get<ProductService>().HistoryAsync(await _ctx.UserAsync("sally"), ComponentTestContext.Q(Product), CancellationToken.None);
        Assert.Equal([5L, 3L], history!.Snapshots.Select(s => s.RowCount));
        Assert.True(history.Snapshots[0].IsCurrent);
        var first = history.Snapshots[1].CommittedAt;
        var between = first + (history.Snapshots[0].CommittedAt - first) / 2;

        Assert.Equal(3L, await ScalarAsync("sally", $"SELECT count(*) FROM SNAPSHOT({Product}, TIMESTAMP '{Literal(first)}')"));
        Assert.Equal(3L, await ScalarAsync("sally", $"SELECT count(*) FROM SNAPSHOT({Product}, TIMESTAMP '{Literal(between)}')"));
        Assert.Equal(5L, await ScalarAsync("sally", $"SELECT count(*) FROM SNAPSHOT({Product}, TIMESTAMP '2999-01-01 00:00:00')"));
    }

    [Fact]
    public async Task A_time_before_the_first_snapshot_is_a_clear_error_at_the_time()
    {
        const string sql = $"SELECT count(*)\nFROM SNAPSHOT({Product}, TIMESTAMP '2000-01-01 00:00:00')";

        var error = await ErrorAsync("sally", sql);

        Assert.StartsWith($"There is no snapshot of {Product} at 2000-01-01 00:00:00 UTC: the oldest kept snapshot is from ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("UTC; snapshots are kept for 10 minutes.", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 33), (error.Line!.Value, error.Column!.Value)); // at TIMESTAMP
    }

    [Fact]
    public async Task More_steps_back_than_kept_snapshots_is_a_clear_error()
    {
        var error = await ErrorAsync("sally", $"SELECT * FROM SNAPSHOT({Product}, 2)");

        Assert.StartsWith($"{Product} has 2 kept snapshots (0 = current up to 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("snapshots are kept for 10 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_a_grant_is_refused_with_the_same_message_as_reading_the_product()
    {
        await _ctx.PublishAsync(Product, "Orders", "Every order of the web shop, without personal data.");
        var normally = await ErrorAsync("carl", $"SELECT count(*) FROM {Product}");
        Assert.Contains("You have no access to sales.orders_out", normally.Message, StringComparison.Ordinal);

        var error = await ErrorAsync("carl", $"SELECT count(*) FROM SNAPSHOT({Product}, 1)");

        Assert.Equal(normally.Message, error.Message);
        Assert.Equal((1, 31), (error.Line!.Value, error.Column!.Value));

        // With a grant the same query reads the earlier snapshot.
        var access = _ctx.Get<AccessService>();
        var id = await access.RequestAsync(await _ctx.UserAsync("carl"), ComponentTestContext.Q(Product), "Checking yesterday's orders.", CancellationToken.None);
        await access.DecideAsync(await _ctx.UserAsync("sally"), id, approve: true, null, null, CancellationToken.None);
        Assert.Equal(3L, await ScalarAsync("carl", $"SELECT count(*) FROM SNAPSHOT({Product}, 1)"));
    }

    [Fact]
    public async Task A_product_the_user_may_not_see_or_that_does_not_exist_is_unknown()
    {
        var draft = await ErrorAsync("mia", $"SELECT * FROM SNAPSHOT({Product}, 1)");
        var missing = await ErrorAsync("sally", "SELECT * FROM SNAPSHOT(sales.nothing_here, 1)");

        Assert.Equal($"There is no data product {Product} that you may read: check the name in the catalog.", draft.Message);
        Assert.Equal("There is no data product sales.nothing_here that you may read: check the name in the catalog.", missing.Message);
        Assert.Equal(24, missing.Column);
    }

    [Fact]
    public async Task A_deleted_snapshot_folder_is_reported_as_expired()
    {
        var history = await _ctx.Get<ProductService>().HistoryAsync(await _ctx.UserAsync("sally"), ComponentTestContext.Q(Product), CancellationToken.None);
        Directory.Delete(Path.Combine(_ctx.Root, "lake", history!.Snapshots[1].Location), recursive: true);

        var error = await ErrorAsync("sally", $"SELECT * FROM SNAPSHOT({Product}, 1)");

        Assert.StartsWith($"The snapshot of {Product} committed at ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("UTC has expired and was deleted; snapshots are kept for 10 minutes.", error.Message, StringComparison.Ordinal);
        Assert.Equal(5L, await ScalarAsync("sally", $"SELECT count(*) FROM {Product}"));
    }

    [Fact]
    public async Task Errors_after_the_call_are_positioned_in_the_users_text_and_validation_sees_the_call()
    {
        var execution = _ctx.Get<ExecutionService>();
        var sally = await _ctx.UserAsync("sally");
        const string sql = $"SELECT nope FROM SNAPSHOT({Product}, 1) AS b";

        var error = await ErrorAsync("sally", sql);

        Assert.Equal((1, 8), (error.Line!.Value, error.Column!.Value));
        Assert.Null(await execution.ValidateAsync(sally, $"SELECT order_id FROM SNAPSHOT({Product}, 1) AS b", CancellationToken.None));
        var invalid = await execution.ValidateAsync(sally, $"SELECT * FROM SNAPSHOT({Product}, TIMESTAMP '2000-01-01')", CancellationToken.None);
        Assert.Contains("the oldest kept snapshot is from", invalid!.Message, StringComparison.Ordinal);
        Assert.Equal(42, invalid.Column);
    }

    [Fact]
    public void Generated_names_resolve_to_the_products_own_folder_only()
    {
        var relation = new ReadableRelation(SnapshotReferences.GeneratedName(ComponentTestContext.Q(Product), 0), RelationKind.Product,
            Location: "sales/products/revenue/snap-20260101000000000-abcd1234/", SnapshotOf: ComponentTestContext.Q(Product));

        var ex = Assert.Throws<ArgumentException>(() =>
            MeshStudio.Engine.Sandbox.RelationViewFactory.Create(relation, _ctx.Get<MeshStudio.Engine.LakeLayout>()));
        Assert.Contains("is not a snapshot of sales.orders_out", ex.Message, StringComparison.Ordinal);
    }

    private static string Literal(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private async Task<object?> ScalarAsync(string user, string sql)
    {
        var result = await _ctx.Get<ExecutionService>().QueryAllAsync(await _ctx.UserAsync(user), sql, 10, CancellationToken.None);
        return Assert.Single(result.Rows)[0];
    }

    private async Task<SqlError> ErrorAsync(string user, string sql) =>
        (await Assert.ThrowsAsync<SqlException>(() => ScalarAsync(user, sql))).Error;
}
