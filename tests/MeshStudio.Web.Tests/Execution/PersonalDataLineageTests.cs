using System.Net;
using System.Text;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Execution;

/// <summary>Personal-data flags follow lineage into the committed schema, and the review blocks them (ADR 22).</summary>
[Collection(MeshAppCollection.Name)]
public class PersonalDataLineageTests(MeshAppFactory app)
{
    [Fact]
    public async Task Review_ColumnComputedFromAnEmail_BlocksApprovalUnlessHashedOrCounted()
    {
        var analyst = app.ClientFor("sales.analyst");
        var deployed = await (await analyst.PostAsync("/api/domains/sales/pipelines", new StringContent("""
            CREATE JOB sales.contact_starts_job AS
            INSERT INTO sales.contact_starts KEY (customer_id)
            SELECT customer_id, any_value(left(email, 2)) AS contact_start, any_value(sha256(email)) AS contact_hash,
                   count(DISTINCT email) AS addresses
            FROM sales.orders GROUP BY customer_id;
            """, Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(deployed.GetProperty("succeeded").GetBoolean(), deployed.ToString());

        var product = await (await analyst.GetAsync("/api/products/sales/contact_starts")).JsonAsync(HttpStatusCode.OK);
        var flags = product.GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("pii").ToString());
        Assert.Equal(("Email", "", ""), (flags["contact_start"], flags["contact_hash"], flags["addresses"]));

        var users = app.Services.GetRequiredService<UserContextLoader>();
        var owner = (await users.LoadByUserNameAsync("sales.owner", default))!;
        var name = new QualifiedName("sales", "contact_starts");
        await app.Services.GetRequiredService<ProductService>()
            .UpdateMetadataAsync(owner, name, "Contact starts", "The first letters of each customer's e-mail address.", [], default);
        var reviews = app.Services.GetRequiredService<ReviewService>();
        var id = await reviews.OpenAsync(owner, name, default);
        var review = (await reviews.GetAsync((await users.LoadByUserNameAsync("steward", default))!, id, default))!;

        var check = review.Checks.Single(c => c.Check == "pii-masked");
        Assert.False(check.Passed);
        Assert.Contains("contact_start (Email)", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("contact_hash", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("addresses", check.Message, StringComparison.Ordinal);
        Assert.False(review.CanApprove);
    }
}
