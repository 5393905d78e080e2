using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public sealed class IncrementalPlannerTests
{
    private static InputRole Role(string name) => name switch
    {
        "sales.orders" or "sales.returns" => InputRole.Stream,
        "crm.customers" or "sales.revenue" => InputRole.Table,
        _ => InputRole.Unknown,
    };

    private static readonly DuckDbSqlParser Parser = new();

    private static IncrementalPlan Plan(string sql, params string[] keys) => IncrementalPlanner.Plan(Parser.Parse(sql), keys, Role);

    [Fact]
    public void A_row_wise_query_over_one_stream_appends()
    {
        var plan = Plan("SELECT order_id, amount * 2 AS doubled FROM sales.orders WHERE amount > 0");

        Assert.Equal(SnapshotMode.Append, plan.Mode);
        Assert.Equal(["sales.orders"], plan.Streams);
        Assert.Null(plan.Reason);
    }

    [Fact]
    public void A_row_wise_query_with_a_key_upserts()
    {
        Assert.Equal(SnapshotMode.Upsert, Plan("SELECT * FROM sales.orders", "order_id").Mode);
    }

    [Fact]
    public void Enrichment_with_join_latest_stays_incremental_and_reads_the_table_whole()
    {
        var plan = Plan("SELECT o.order_id, c.segment FROM sales.orders o JOIN LATEST crm.customers c ON c.customer_id = o.customer_id");

        Assert.Equal(SnapshotMode.Append, plan.Mode);
        Assert.Equal(["sales.orders"], plan.Streams);
    }

    [Fact]
    public void Plain_aggregates_grouped_by_all_merge_with_one_function_per_column()
    {
        var plan = Plan("""
            SELECT window_start, window_end, align(country, 'country') AS country, sum(amount) AS revenue, count(*) AS orders,
                   min(ts) first_at, max(ts) AS last_at, count(*) FILTER (WHERE amount > 100) AS big
            FROM HOP(sales.orders, ts, INTERVAL '1 minute', INTERVAL '5 minutes') GROUP BY ALL ORDER BY revenue DESC
            """, "window_start", "window_end", "country");

        Assert.Equal(SnapshotMode.Merge, plan.Mode);
        Assert.Equal(
            [MergeFunction.Group, MergeFunction.Group, MergeFunction.Group, MergeFunction.Sum, MergeFunction.Sum, MergeFunction.Min, MergeFunction.Max, MergeFunction.Sum],
            plan.MergeColumns);
    }

    [Fact]
    public void An_explicit_group_by_of_the_output_columns_merges()
    {
        Assert.Equal(SnapshotMode.Merge, Plan("SELECT o.country, sum(amount) FROM sales.orders o GROUP BY o.country").Mode);
        Assert.Equal(SnapshotMode.Merge, Plan("SELECT upper(country) AS c, sum(amount) FROM sales.orders GROUP BY 1", "c").Mode);
        Assert.Equal(SnapshotMode.Merge, Plan("SELECT count(*) AS n FROM sales.orders").Mode);
    }

    [Theory]
    [InlineData("SELECT country, avg(amount) FROM sales.orders GROUP BY ALL", "avg() is not")]
    [InlineData("SELECT country, round(sum(amount), 2) FROM sales.orders GROUP BY ALL", "is not a plain sum()")]
    [InlineData("SELECT count(DISTINCT customer_id) FROM sales.orders", "DISTINCT")]
    [InlineData("SELECT country, sum(amount) FROM sales.orders GROUP BY ALL HAVING sum(amount) > 10", "HAVING")]
    [InlineData("SELECT *, row_number() OVER () FROM sales.orders", "window function")]
    [InlineData("SELECT * FROM (SELECT * FROM sales.orders)", "subquery")]
    [InlineData("SELECT * FROM sales.orders o JOIN sales.returns r ON r.order_id = o.order_id", "joins sales.orders with sales.returns")]
    [InlineData("SELECT * FROM sales.revenue", "only products")]
    [InlineData("SELECT * FROM sales.orders o JOIN sales.revenue r ON r.country = o.country", "as a table")]
    [InlineData("SELECT session_start, count(*) FROM SESSION(sales.orders, ts, INTERVAL '5 minutes') GROUP BY ALL", "SESSION")]
    [InlineData("SELECT country, sum(amount) FROM sales.orders GROUP BY country, product", "product, which is not one of its output")]
    [InlineData("SELECT * FROM sales.orders LIMIT 10", "LIMIT")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM sales.orders", "WITH clause")]
    public void Queries_whose_result_is_not_a_combination_of_runs_recompute_and_say_why(string sql, string reason)
    {
        var plan = Plan(sql);

        Assert.Equal(SnapshotMode.Replace, plan.Mode);
        Assert.Contains(reason, plan.Reason, StringComparison.Ordinal);
        Assert.StartsWith("full: ", plan.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_exactly_the_grouping_columns_recomputes()
    {
        var plan = Plan("SELECT country, product, sum(amount) AS revenue FROM sales.orders GROUP BY ALL", "country");

        Assert.Equal(SnapshotMode.Replace, plan.Mode);
        Assert.Contains("KEY (country)", plan.Reason, StringComparison.Ordinal);
    }
}
