using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeshStudio.Application.Access;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Product versions over HTTP on a real lake (ADR 25): minor in place, breaking change as a new major beside the old.</summary>
[Collection(MeshAppCollection.Name)]
public class VersionEndpointsTests(MeshAppFactory app)
{
    private const string Totals = "SELECT customer_id, sum(amount) AS total FROM sales.orders GROUP BY customer_id";

    private async Task<JsonElement> DeployAsync(string verb, string name, string select, string user = "sales.owner")
    {
        var response = await app.ClientFor(user).PostAsync("/api/domains/sales/pipelines", new StringContent($"""
            {verb} JOB sales.{name}_job AS
            INSERT INTO sales.{name} KEY (customer_id)
            {select}
            WITH EXPECTATION customer_present EXPECT customer_id IS NOT NULL ON VIOLATION DROP
            """, Encoding.UTF8, "text/plain"));
        var outcome = (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("statements")[0];
        Assert.True(outcome.GetProperty("succeeded").GetBoolean(), outcome.ToString());
        return outcome;
    }

    private async Task<JsonElement> VersionsAsync(string user, string product) =>
        await (await app.ClientFor(user).GetAsync($"/api/products/sales/{product}/versions")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Published through review, granted to the consumer, read by a marketing job.</summary>
    private async Task PublishAndUseAsync(string name)
    {
        var users = app.Services.GetRequiredService<UserContextLoader>();
        var owner = (await users.LoadByUserNameAsync("sales.owner", default))!;
        var product = new QualifiedName("sales", name);
        await app.Services.GetRequiredService<ProductService>()
            .UpdateMetadataAsync(owner, product, "Customer totals", "What each customer spent, for planning.", [], default);
        var reviews = app.Services.GetRequiredService<ReviewService>();
        var review = await reviews.OpenAsync(owner, product, default);
        await reviews.ApproveAsync((await users.LoadByUserNameAsync("steward", default))!, review, "ok", default);
        var access = app.Services.GetRequiredService<AccessService>();
        foreach (var consumer in new[] { "consumer", "marketing.owner" })
        {
            var id = await access.RequestAsync((await users.LoadByUserNameAsync(consumer, default))!, product, "Quarterly planning.", default);
            await access.DecideAsync(owner, id, approve: true, "ok", null, default);
        }
        var reader = await (await app.ClientFor("marketing.owner").PostAsync("/api/domains/marketing/pipelines", new StringContent($"""
            CREATE JOB marketing.{name}_reader_job AS
            INSERT INTO marketing.{name}_reader SELECT count(*) AS customers FROM sales.{name}
            """, Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(reader.GetProperty("succeeded").GetBoolean(), reader.ToString());
    }

    [Fact]
    public async Task Deploy_AddedColumn_IsTheNextMinorInPlace()
    {
        await DeployAsync("CREATE", "ver_minor", Totals);

        var outcome = await DeployAsync("ALTER", "ver_minor", Totals.Replace(" FROM", ", count(*) AS orders FROM", StringComparison.Ordinal));

        Assert.Contains("Version 1.0.0 → 1.1.0 (minor).", outcome.GetProperty("message").GetString(), StringComparison.Ordinal);
        var history = await VersionsAsync("sales.analyst", "ver_minor");
        Assert.Equal("1.1.0", history.GetProperty("current").GetString());
        var versions = history.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["1.0.0 initial sales.ver_minor", "1.1.0 minor sales.ver_minor"],
            versions.Select(v => $"{v.GetProperty("version")} {v.GetProperty("bump")} {v.GetProperty("product")}"));
        Assert.Equal("added orders", Change(versions[1].GetProperty("changes")[0]));
        Assert.Equal("SELECT * FROM SNAPSHOT(sales.ver_minor, 0)", versions[1].GetProperty("snapshots")[0].GetProperty("sql").GetString());
    }

    [Fact]
    public async Task Deploy_BreakingChangeOfAPublishedProduct_WritesANewMajorAndTheOldStaysReadable()
    {
        await DeployAsync("CREATE", "ver_major", Totals);
        await PublishAndUseAsync("ver_major");

        var outcome = await DeployAsync("ALTER", "ver_major", "SELECT customer_id, CAST(sum(amount) AS DOUBLE) AS total_amount FROM sales.orders GROUP BY customer_id");

        Assert.Equal("sales.ver_major_v2", outcome.GetProperty("newMajorVersion").GetString());
        var message = outcome.GetProperty("message").GetString()!;
        Assert.Contains("Consumers of sales.ver_major: consumer, marketing.owner, job marketing.ver_major_reader_job.", message, StringComparison.Ordinal);
        Assert.Contains("review #", message, StringComparison.Ordinal);
        // The consumer still reads version 1 under its name, with its old column; version 2 is in review.
        var consumer = app.ClientFor("consumer");
        var old = await (await consumer.PostAsJsonAsync("/api/sql", new { sql = "SELECT count(*) AS n, count(total) AS totals FROM sales.ver_major" })).JsonAsync(HttpStatusCode.OK);
        Assert.True(old.GetProperty("rows")[0][0].GetInt64() > 0);
        var v2 = await (await app.ClientFor("sales.analyst").GetAsync("/api/products/sales/ver_major_v2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("InReview", v2.GetProperty("status").GetString());
        Assert.Equal(["customer_id", "total_amount"], v2.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var history = await VersionsAsync("sales.owner", "ver_major_v2");
        Assert.Equal("2.0.0", history.GetProperty("current").GetString());
        var versions = history.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["1.0.0 sales.ver_major", "2.0.0 sales.ver_major_v2"], versions.Select(v => $"{v.GetProperty("version")} {v.GetProperty("product")}"));
        Assert.Equal(["dropped total", "added total_amount"], versions[1].GetProperty("changes").EnumerateArray().Select(Change));
        var first = history.GetProperty("majors")[0];
        Assert.Equal(["consumer", "marketing.owner"], first.GetProperty("consumers").GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userName").GetString()));
        Assert.Equal("marketing.ver_major_reader_job", first.GetProperty("consumers").GetProperty("jobs")[0].GetProperty("job").GetString());
        Assert.True(history.GetProperty("canSetDeprecation").GetBoolean());
        // Its consumers are told, with a link to the product they use.
        var told = (await (await consumer.GetAsync("/api/notifications")).JsonAsync(HttpStatusCode.OK)).GetProperty("notifications").EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "BreakingChange" && n.GetProperty("link").GetString() == "/products/sales/ver_major");
        Assert.Contains("version 2.0.0 is sales.ver_major_v2", told.GetProperty("title").GetString(), StringComparison.Ordinal);
        // The consumer sees the history but not who else uses the product.
        Assert.Equal(JsonValueKind.Null, (await VersionsAsync("consumer", "ver_major")).GetProperty("majors")[0].GetProperty("consumers").ValueKind);
    }

    [Fact]
    public async Task PutDeprecation_OwnerOfAReplacedMajor_IsShownAndAnAnalystIs403()
    {
        await DeployAsync("CREATE", "ver_deprecated", Totals);
        await PublishAndUseAsync("ver_deprecated");
        await DeployAsync("ALTER", "ver_deprecated", "SELECT customer_id, count(*) AS orders FROM sales.orders GROUP BY customer_id");
        var after = DateTimeOffset.UtcNow.AddDays(30);

        var analyst = await app.ClientFor("sales.analyst").PutAsJsonAsync("/api/products/sales/ver_deprecated/deprecation", new { after });
        var owner = await app.ClientFor("sales.owner").PutAsJsonAsync("/api/products/sales/ver_deprecated/deprecation", new { after });
        var newest = await app.ClientFor("sales.owner").PutAsJsonAsync("/api/products/sales/ver_deprecated_v2/deprecation", new { after });

        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, owner.StatusCode);
        Assert.Contains("newest major version", (await newest.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var major = (await VersionsAsync("consumer", "ver_deprecated")).GetProperty("majors")[0];
        Assert.Equal(after.UtcDateTime, major.GetProperty("deprecatedAfter").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetVersions_AnonymousIs401_AndAnOutsiderOfADraftIs404()
    {
        await DeployAsync("CREATE", "ver_hidden", Totals);

        var anonymous = await app.AnonymousClient().GetAsync("/api/products/sales/ver_hidden/versions");
        var outsider = await app.ClientFor("marketing.owner").GetAsync("/api/products/sales/ver_hidden/versions");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    private static string Change(JsonElement change) => $"{change.GetProperty("kind")} {change.GetProperty("column")}";
}
