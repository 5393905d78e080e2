using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Engine.Syntax;

namespace MeshStudio.Engine.Tests.Syntax;

public sealed class ColumnLineageTests
{
    private static readonly DuckDbSqlParser Parser = new();

    private static IReadOnlyList<string>? Catalog(string relation) => relation switch
    {
        "sales.orders" => ["order_id", "customer_id", "amount", "ts"],
        "shop.orders" => ["order_id", "ts", "customer_id", "country", "amount", "email", "product", "session_id"],
        "crm.customers" => ["customer_id", "tier"],
        _ => null,
    };

    private static List<string> Lineage(string sql) =>
        ColumnLineage.Of(Parser.Parse(sql).Query!, Catalog)
            .Select(c => $"{c.Name} <- {string.Join(", ", c.Sources.Select(s => $"{s.Relation}.{s.Column}{(s.Masked ? " (masked)" : "")}"))}")
            .ToList();

    [Fact]
    public void Of_Star_IsExpandedAgainstTheCatalogPerAlias()
    {
        var lineage = Lineage("SELECT o.* EXCLUDE (ts), c.tier FROM sales.orders o JOIN LATEST crm.customers c ON c.customer_id = o.customer_id");

        Assert.Equal(
            ["order_id <- sales.orders.order_id", "customer_id <- sales.orders.customer_id", "amount <- sales.orders.amount", "tier <- crm.customers.tier"],
            lineage);
    }

    [Fact]
    public void Of_OutputColumns_AreTracedThroughCtesSubqueriesAndAliases()
    {
        var lineage = Lineage("""
            WITH doubled AS (SELECT amount * 2 AS twice, customer_id AS who FROM sales.orders)
            SELECT upper(c.tier) AS tier, sum(d.twice) AS revenue, (SELECT count(*) FROM sales.orders) AS total
            FROM (SELECT * FROM doubled) d JOIN crm.customers c ON c.customer_id = d.who
            GROUP BY 1
            """);

        Assert.Equal(["tier <- crm.customers.tier", "revenue <- sales.orders.amount", "total <- "], lineage);
    }

    [Fact]
    public void Of_UnqualifiedColumns_AreResolvedByTheCatalog()
    {
        var lineage = Lineage("SELECT tier, amount FROM sales.orders o JOIN crm.customers c USING (customer_id)");

        Assert.Equal(["tier <- crm.customers.tier", "amount <- sales.orders.amount"], lineage);
    }

    [Fact]
    public void Of_WindowBounds_AreComputedFromTheTimeColumn()
    {
        var lineage = Lineage("SELECT window_start, count(*) AS orders FROM HOP(sales.orders, ts, INTERVAL '1 minute', INTERVAL '5 minutes') GROUP BY ALL");

        Assert.Equal(["window_start <- sales.orders.ts", "orders <- "], lineage);
    }

    [Fact]
    public void AggregatesAndWindows_AreFoundWhereTheyAre()
    {
        var select = (SelectNode)Parser.Parse("""
            SELECT country, sum(amount) FILTER (WHERE amount > 0) AS revenue, round(avg(amount), 2) AS mean,
                   row_number() OVER (ORDER BY country) AS rank
            FROM sales.orders GROUP BY ALL
            """).Query!;

        Assert.Equal([[], ["sum"], ["avg"], []], select.Columns.Select(c => AggregateFunctions.In(c).Select(a => a.Name).ToArray()));
        Assert.Equal("rank", Assert.Single(select.DescendantsAndSelf().OfType<WindowExpression>()).Alias);
    }

    [Fact]
    public void Of_AlignAndAggregates_AreTracedToTheirArguments()
    {
        // The demo's sales job.
        var lineage = Lineage("""
            SELECT align(country, 'country') AS country,
                   sum(amount) AS revenue, count(*) AS orders, max(ts) AS last_order_at
            FROM shop.orders
            GROUP BY ALL
            """);

        Assert.Equal(["country <- shop.orders.country", "revenue <- shop.orders.amount", "orders <- ", "last_order_at <- shop.orders.ts"], lineage);
    }

    [Fact]
    public void Of_HashesAndCounts_MarkTheirArgumentsMasked()
    {
        var lineage = Lineage("""
            SELECT customer_id, any_value(email) AS email, sha256(lower(email)) AS email_hash,
                   count(DISTINCT email) AS addresses, md5(email) || lower(email) AS mixed
            FROM shop.orders GROUP BY customer_id
            """);

        Assert.Equal(
            [
                "customer_id <- shop.orders.customer_id", "email <- shop.orders.email", "email_hash <- shop.orders.email (masked)",
                "addresses <- shop.orders.email (masked)", "mixed <- shop.orders.email (masked), shop.orders.email",
            ],
            lineage);
    }

    [Fact]
    public void Of_WindowFunctionsOverAStarCte_AreTracedThroughPartitionAndOrder()
    {
        var lineage = Lineage("""
            WITH recent AS (SELECT * EXCLUDE (session_id) FROM shop.orders WHERE ts > now() - INTERVAL 1 DAY)
            SELECT r.order_id, c.tier,
                   row_number() OVER (PARTITION BY r.customer_id ORDER BY r.ts DESC) AS nth,
                   sum(r.amount) OVER (PARTITION BY r.country) AS country_total
            FROM recent r LEFT JOIN crm.customers c ON c.customer_id = r.customer_id
            """);

        Assert.Equal(
            [
                "order_id <- shop.orders.order_id", "tier <- crm.customers.tier", "nth <- shop.orders.customer_id, shop.orders.ts",
                "country_total <- shop.orders.amount, shop.orders.country",
            ],
            lineage);
    }
}
