using System.Net;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class SecurityTests(MeshAppFactory app)
{
    [Fact]
    public async Task Health_Anonymous_IsHealthy()
    {
        var response = await app.AnonymousClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/products")]
    [InlineData("/api/products/sales/revenue_by_country")]
    [InlineData("/api/products/sales/revenue_by_country/data")]
    public async Task ApiRoute_Anonymous_IsUnauthorized(string url) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync(url)).StatusCode);

    [Fact]
    public async Task SqlRoute_Anonymous_IsUnauthorized() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsJsonAsync("/api/sql", new { sql = "SELECT 1" })).StatusCode);

    [Theory]
    [InlineData("/")]
    [InlineData("/studio")]
    [InlineData("/marketplace")]
    [InlineData("/governance/reviews")]
    public async Task Page_Anonymous_RedirectsToSignIn(string url)
    {
        var response = await app.AnonymousClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_Anonymous_IsServed()
    {
        var response = await app.AnonymousClient().GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"password\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRoute_RevokedOrUnknownToken_IsUnauthorized()
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "msk_not_a_real_token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/products")).StatusCode);
    }
}
