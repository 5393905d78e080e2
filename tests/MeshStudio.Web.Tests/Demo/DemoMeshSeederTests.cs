using System.Net;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;
using MeshStudio.Web.Demo;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Demo;

[Collection(MeshAppCollection.Name)]
public class DemoMeshSeederTests(MeshAppFactory app)
{
    [Fact]
    public async Task Seed_OnAFreshStart_BuildsTheWholeDemoMesh()
    {
        var consumer = app.ClientFor("consumer");
        var published = await (await consumer.GetAsync("/api/products?pageSize=50")).JsonAsync(HttpStatusCode.OK);
        var names = published.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();

        Assert.Superset(new HashSet<string?> { "sales.revenue_by_country", "marketing.campaign_performance", "logistics.delivery_performance", "marketing.country_focus" }, names.ToHashSet());
        var steward = (await app.Services.GetRequiredService<UserContextLoader>().LoadByUserNameAsync("steward", default))!;
        var open = await app.Services.GetRequiredService<ReviewService>().ListAsync(steward, Core.Governance.ReviewStatus.Open, default);
        Assert.Contains(open, r => r.Product == new QualifiedName("sales", "customer_orders"));
        var countries = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT country FROM sales.revenue_by_country ORDER BY country" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["DE", "FR", "GB", "NL", "US"], countries.GetProperty("rows").EnumerateArray().Select(r => r[0].GetString()));
    }

    [Fact]
    public async Task Seed_SecondStart_NeitherDuplicatesNorFails()
    {
        var analyst = app.ClientFor("sales.analyst");
        var owner = (await app.Services.GetRequiredService<UserContextLoader>().LoadByUserNameAsync("sales.owner", default))!;
        var jobs = app.Services.GetRequiredService<JobService>();
        var jobsBefore = (await jobs.ListAsync(owner, default)).Select(j => j.Name).ToList();
        var eventsBefore = await analyst.CountAsync("SELECT count(*) FROM sales.orders");
        var auditBefore = await app.Services.GetRequiredService<AuditLog>().CountAsync(default);

        await app.Services.GetRequiredService<DemoMeshSeeder>().SeedAsync(default);
        var auditAfter = await app.Services.GetRequiredService<AuditLog>().CountAsync(default);

        Assert.Equal(jobsBefore, (await jobs.ListAsync(owner, default)).Select(j => j.Name).ToList());
        Assert.Equal(eventsBefore, await analyst.CountAsync("SELECT count(*) FROM sales.orders"));
        Assert.Equal(auditBefore, auditAfter);
    }
}
