using System.Net;
using System.Text;
using System.Text.Json;
using MeshStudio.Application.Access;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>The mesh and product lineage as each user may see it, from the demo mesh and one cross-domain job.</summary>
[Collection(MeshAppCollection.Name)]
public class LineageEndpointsTests(MeshAppFactory app)
{
    private const string CrossDomainJob = "job:marketing.country_reach_job";
    private const string CrossDomainProduct = "product:marketing.country_reach";

    [Fact]
    public async Task Mesh_DomainOwner_SeesTheirInternalsAndOtherDomainsPublishedProductsAsInputs()
    {
        await DeployCrossDomainJobAsync();

        var graph = await (await app.ClientFor("marketing.owner").GetAsync("/api/lineage")).JsonAsync(HttpStatusCode.OK);

        var nodes = Nodes(graph);
        var edges = Edges(graph);
        Assert.Contains(("product:sales.revenue_by_country", CrossDomainJob), edges);
        Assert.Contains((CrossDomainJob, CrossDomainProduct), edges);
        Assert.Contains(("source:marketing.campaign_events", "job:marketing.campaign_performance_job"), edges);
        var job = nodes["job:marketing.campaign_performance_job"];
        Assert.Equal(("Job", "marketing.owner", "running"), (job.GetProperty("kind").GetString(), job.GetProperty("owner").GetString(), job.GetProperty("status").GetString()));
        Assert.Equal("published", nodes["product:sales.revenue_by_country"].GetProperty("status").GetString());
        Assert.True(nodes["product:sales.revenue_by_country"].GetProperty("hasHiddenInputs").GetBoolean());
        Assert.Equal("http", nodes["source:marketing.campaign_events"].GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, nodes["source:marketing.campaign_events"].GetProperty("updatedAt").ValueKind);
        Assert.Equal(2, nodes[CrossDomainProduct].GetProperty("depth").GetInt32());
        // Sales' source, jobs and the product in review are internal to sales.
        Assert.DoesNotContain(nodes.Keys, id => id.StartsWith("source:sales.", StringComparison.Ordinal) || id.StartsWith("job:sales.", StringComparison.Ordinal));
        Assert.DoesNotContain("product:sales.customer_orders", nodes.Keys);
    }

    [Fact]
    public async Task Mesh_Consumer_SeesPublishedProductsAndNoNameOfAnythingElse()
    {
        await DeployCrossDomainJobAsync();

        var response = await app.ClientFor("consumer").GetAsync("/api/lineage");
        var text = await response.Content.ReadAsStringAsync();
        var graph = await response.JsonAsync(HttpStatusCode.OK);

        Assert.All(Nodes(graph).Values, n => Assert.Equal("published", n.GetProperty("status").GetString()));
        Assert.Contains("product:logistics.delivery_performance", Nodes(graph).Keys);
        // The demo's marketing product made from sales' revenue: linked directly, the job between is not named, and
        // nothing it is made from is hidden; sales' revenue starts at a source the consumer may not see.
        Assert.Contains(("product:sales.revenue_by_country", "product:marketing.country_focus"), Edges(graph));
        Assert.False(Nodes(graph)["product:marketing.country_focus"].GetProperty("hasHiddenInputs").GetBoolean());
        Assert.True(Nodes(graph)["product:sales.revenue_by_country"].GetProperty("hasHiddenInputs").GetBoolean());
        foreach (var hidden in new[] { "orders", "campaign_events", "shipments", "_job", "customer_orders", "country_reach" })
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductLineage_Admin_FollowsColumnsThroughUpstreamJobsToSourceColumns()
    {
        await DeployCrossDomainJobAsync();

        var lineage = await (await app.ClientFor("admin").GetAsync("/api/products/marketing/country_reach/lineage")).JsonAsync(HttpStatusCode.OK);

        var columns = Columns(lineage);
        Assert.Equal(
            ["1 sales.revenue_by_country.revenue", "2 sales.orders.amount"],
            Upstream(columns["revenue"]).Select(u => $"{u.Hops} {u.Column}"));
        Assert.Equal(
            ["1 sales.revenue_by_country.country", "2 sales.orders.country"],
            Upstream(columns["country"]).Select(u => $"{u.Hops} {u.Column}"));
        Assert.Equal(["sales.revenue_by_country.country (masked)", "sales.orders.country (masked)"],
            Upstream(columns["country_key"]).Select(u => u.Column + (u.Masked ? " (masked)" : "")));
        var nodes = Nodes(lineage.GetProperty("graph"));
        Assert.Contains("source:sales.orders", nodes.Keys);
        Assert.DoesNotContain("product:logistics.delivery_performance", nodes.Keys);
    }

    [Fact]
    public async Task ProductLineage_OtherDomain_ListsOnlyWhatItMaySee()
    {
        await DeployCrossDomainJobAsync();

        var response = await app.ClientFor("logistics.owner").GetAsync("/api/products/sales/revenue_by_country/lineage");
        var text = await response.Content.ReadAsStringAsync();
        var lineage = await response.JsonAsync(HttpStatusCode.OK);

        var revenue = Columns(lineage)["revenue"];
        Assert.Empty(Upstream(revenue));
        Assert.True(revenue.GetProperty("hasHiddenUpstream").GetBoolean());
        Assert.DoesNotContain("sales.orders", text, StringComparison.Ordinal);
        Assert.DoesNotContain("revenue_by_country_job", text, StringComparison.Ordinal);
        await (await app.ClientFor("consumer").GetAsync("/api/products/sales/customer_orders/lineage")).JsonAsync(HttpStatusCode.NotFound);
        await (await app.ClientFor("consumer").GetAsync("/api/products/sales/no_such_product/lineage")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProductLineage_ColumnFromASourceEmail_IsPersonalNamingItsOriginOnlyToThoseWhoMaySeeIt()
    {
        var owner = Columns(await (await app.ClientFor("sales.owner").GetAsync("/api/products/sales/customer_orders/lineage")).JsonAsync(HttpStatusCode.OK));
        var steward = Columns(await (await app.ClientFor("steward").GetAsync("/api/products/sales/customer_orders/lineage")).JsonAsync(HttpStatusCode.OK));

        var personal = owner["email"].GetProperty("personal");
        Assert.Equal("Email", personal.GetProperty("kind").GetString());
        Assert.Equal(["sales.orders.email"], personal.GetProperty("from").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Null, owner["total_spend"].GetProperty("personal").ValueKind);
        var seenBySteward = steward["email"].GetProperty("personal");
        Assert.Empty(seenBySteward.GetProperty("from").EnumerateArray());
        Assert.True(seenBySteward.GetProperty("fromHiddenInput").GetBoolean());
    }

    private static Dictionary<string, JsonElement> Nodes(JsonElement graph) =>
        graph.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);

    private static List<(string, string)> Edges(JsonElement graph) =>
        graph.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("from").GetString()!, e.GetProperty("to").GetString()!)).ToList();

    private static Dictionary<string, JsonElement> Columns(JsonElement lineage) =>
        lineage.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);

    private static IEnumerable<(int Hops, string Column, bool Masked)> Upstream(JsonElement column) =>
        column.GetProperty("upstream").EnumerateArray().Select(u => (
            u.GetProperty("hops").GetInt32(),
            $"{u.GetProperty("relation").GetString()}.{u.GetProperty("column").GetString()}",
            u.GetProperty("masked").GetBoolean()));

    /// <summary>Marketing reads sales' published product (with a grant) into a product of its own; once per app.</summary>
    private async Task DeployCrossDomainJobAsync()
    {
        var marketing = app.ClientFor("marketing.owner");
        if ((await marketing.GetAsync("/api/products/marketing/country_reach")).StatusCode == HttpStatusCode.OK)
            return;
        await GrantAsync("marketing.owner", new QualifiedName("sales", "revenue_by_country"));
        var result = await (await marketing.PostAsync("/api/domains/marketing/pipelines", new StringContent("""
            CREATE JOB marketing.country_reach_job AS
            INSERT INTO marketing.country_reach KEY (country)
            SELECT r.country, r.revenue, md5(r.country) AS country_key FROM sales.revenue_by_country r;
            """, Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(result.GetProperty("succeeded").GetBoolean(), result.ToString());
    }

    private async Task GrantAsync(string userName, QualifiedName product)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var contexts = app.Services.GetRequiredService<UserContextLoader>();
        var access = app.Services.GetRequiredService<AccessService>();
        var consumer = (await contexts.LoadAsync((await users.FindByNameAsync(userName))!.Id, default))!;
        var owner = (await contexts.LoadAsync((await users.FindByNameAsync($"{product.Domain}.owner"))!.Id, default))!;
        if ((await access.ListMineAsync(consumer, default)).Any(r => r.Product == product))
            return;
        var id = await access.RequestAsync(consumer, product, "Country reach of our campaigns.", default);
        await access.DecideAsync(owner, id, approve: true, "ok", null, default);
    }
}
