using System.Net;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class ProductSearchEndpointTests(MeshAppFactory app)
{
    [Fact]
    public async Task Search_Typo_FindsTheProductWithDidYouMeanAndMatchPositions()
    {
        var json = await (await app.ClientFor("consumer").GetAsync("/api/products?q=revnue")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("revenue", json.GetProperty("didYouMean").GetString());
        var hit = json.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == "Revenue by country");
        var match = hit.GetProperty("titleMatches")[0];
        Assert.Equal(0, match.GetProperty("start").GetInt32());
        Assert.Equal(7, match.GetProperty("length").GetInt32());
        Assert.True(json.GetProperty("ownerFacets").EnumerateObject().Any());
        Assert.True(json.GetProperty("classificationFacets").EnumerateObject().Any());
    }

    [Theory]
    [InlineData("sort=popular", "sort must be relevance or freshness.")]
    [InlineData("classification=secret", "classification must be personal or not-personal.")]
    public async Task Search_UnknownSortOrClassification_IsA400SayingWhatIsAccepted(string parameter, string detail)
    {
        var problem = await (await app.ClientFor("consumer").GetAsync($"/api/products?q=revenue&{parameter}")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}
