using MeshStudio.Core.Products;
using MeshStudio.TestSupport;

namespace MeshStudio.Application.Tests.Search;

/// <summary>
/// A catalog like a real mesh's: ten published products of three domains with overlapping words (revenue, customer,
/// orders, carrier), columns and tags, built once for the relevance cases.
/// </summary>
public sealed class RealisticCatalog : IAsyncLifetime
{
    public CatalogTestContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Context = await CatalogTestContext.CreateAsync();
        var ctx = Context;
        await ctx.PublishAsync(ctx.Sally, "sales.revenue_by_country", "Revenue by country",
            "Five-minute revenue per country, aligned to ISO codes.", ["finance", "kpi"],
            [new("country", "VARCHAR"), new("revenue", "DOUBLE", "Sum of order amounts"), new("orders", "BIGINT")]);
        await ctx.PublishAsync(ctx.Sally, "sales.daily_orders", "Daily orders",
            "Orders and their revenue per day, for planning the warehouse and the web shop.", ["operations"],
            [new("day", "DATE"), new("orders", "BIGINT"), new("revenue", "DOUBLE")]);
        await ctx.PublishAsync(ctx.Sally, "sales.lifetime_value", "Lifetime value",
            "What each buyer spent since their first order, with the date of the last one.", ["finance"],
            [new("customer_id", "VARCHAR"), new("first_order", "DATE"), new("last_order", "DATE"), new("total_spent", "DOUBLE")]);
        await ctx.PublishAsync(ctx.Sally, "sales.churn_risk", "Churn risk",
            "A score per account for how likely it is to stop ordering in the next quarter.", ["retention"],
            [new("account_id", "VARCHAR"), new("churn_score", "DOUBLE")]);
        await ctx.PublishAsync(ctx.Mia, "marketing.campaign_performance", "Campaign performance",
            "Clicks and conversions per campaign; joins the revenue of sales orders.", ["kpi", "advertising"],
            [new("campaign", "VARCHAR"), new("clicks", "BIGINT"), new("conversions", "BIGINT"), new("spend", "DOUBLE")]);
        await ctx.PublishAsync(ctx.Mia, "marketing.newsletter_signups", "Newsletter signups",
            "New newsletter subscribers per day and channel.", ["growth"],
            [new("signup_date", "DATE"), new("channel", "VARCHAR"), new("signups", "BIGINT")]);
        await ctx.PublishAsync(ctx.Mia, "marketing.country_focus", "Country focus",
            "Countries ranked by revenue growth, to decide where campaigns run next.", ["kpi"],
            [new("country", "VARCHAR"), new("growth", "DOUBLE"), new("rank", "INTEGER")]);
        await ctx.PublishAsync(ctx.Leo, "logistics.shipments", "Shipments",
            "Every shipment with its carrier and delivery status, updated continuously.", ["operations"],
            [new("shipment_id", "VARCHAR"), new("carrier", "VARCHAR"), new("status", "VARCHAR")]);
        await ctx.PublishAsync(ctx.Leo, "logistics.warehouse_stock", "Warehouse stock",
            "Units on hand per article and warehouse, counted every night.", ["inventory"],
            [new("sku", "VARCHAR"), new("warehouse", "VARCHAR"), new("quantity", "BIGINT")]);
        await ctx.PublishAsync(ctx.Leo, "logistics.delivery_times", "Delivery times",
            "Hours from order to doorstep per carrier and region.", ["sla"],
            [new("carrier", "VARCHAR"), new("region", "VARCHAR"), new("avg_hours", "DOUBLE")]);
    }

    public async Task DisposeAsync() => await Context.DisposeAsync();

    public static QualifiedName Q(string text) => CatalogTestContext.Q(text);
}
