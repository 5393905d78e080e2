namespace MeshStudio.Web.Demo;

/// <summary>The demo mesh's pipelines, deployed as code exactly as a domain would deploy them from CI.</summary>
internal static class DemoPipelines
{
    public const string Sales = """
        CREATE SOURCE sales.orders (order_id VARCHAR, ts TIMESTAMP, customer_id VARCHAR, country VARCHAR,
                                    amount DECIMAL(12,2), email VARCHAR, product VARCHAR, session_id VARCHAR)
          WITH (format = 'json', ingest = 'http', event_time = 'ts', watermark = '5 seconds');

        CREATE JOB sales.revenue_by_country_job WITH (run_interval = '2 seconds') AS
        INSERT INTO sales.revenue_by_country KEY (country)
        SELECT align(country, 'country') AS country,
               sum(amount) AS revenue, count(*) AS orders, max(ts) AS last_order_at
        FROM sales.orders
        GROUP BY ALL
        WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
        WITH EXPECTATION known_country EXPECT country IS NOT NULL ON VIOLATION WARN;

        CREATE JOB sales.customer_orders_job WITH (run_interval = '1 minute') AS
        INSERT INTO sales.customer_orders KEY (customer_id)
        SELECT customer_id, any_value(email) AS email, count(*) AS orders, sum(amount) AS total_spend
        FROM sales.orders
        GROUP BY customer_id;
        """;

    public const string Marketing = """
        CREATE SOURCE marketing.campaign_events (campaign_id VARCHAR, ts TIMESTAMP, channel VARCHAR,
                                                 spend DOUBLE, clicks BIGINT, conversions BIGINT)
          WITH (format = 'json', ingest = 'http', event_time = 'ts');

        CREATE JOB marketing.campaign_performance_job WITH (run_interval = '30 seconds') AS
        INSERT INTO marketing.campaign_performance KEY (campaign_id)
        SELECT campaign_id, any_value(channel) AS channel, round(sum(spend), 2) AS spend,
               sum(clicks) AS clicks, sum(conversions) AS conversions,
               round(sum(spend) / nullif(sum(conversions), 0), 2) AS cost_per_conversion
        FROM marketing.campaign_events
        GROUP BY campaign_id;
        """;

    public const string Logistics = """
        CREATE SOURCE logistics.shipments (shipment_id VARCHAR, order_id VARCHAR, ts TIMESTAMP, carrier VARCHAR,
                                           status VARCHAR, country VARCHAR, delivery_days INTEGER)
          WITH (format = 'json', ingest = 'http', event_time = 'ts');

        CREATE JOB logistics.delivery_performance_job WITH (run_interval = '30 seconds') AS
        INSERT INTO logistics.delivery_performance KEY (carrier, country)
        SELECT carrier, country, count(*) AS shipments,
               round(avg(delivery_days), 2) AS avg_delivery_days,
               round(100.0 * count(*) FILTER (WHERE delivery_days <= 3) / count(*), 1) AS on_time_pct
        FROM logistics.shipments
        WHERE status = 'delivered'
        GROUP BY ALL;
        """;

    /// <summary>Marketing reads sales' published revenue (with a grant): the demo's lineage across domains.</summary>
    public const string MarketingFromSales = """
        CREATE JOB marketing.country_focus_job WITH (run_interval = '30 seconds') AS
        INSERT INTO marketing.country_focus KEY (country)
        SELECT r.country, r.revenue, r.orders, rank() OVER (ORDER BY r.revenue DESC) AS revenue_rank
        FROM sales.revenue_by_country r;
        """;
}
