using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class SecurityHeadersTests(MeshAppFactory app)
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/api/products")]
    [InlineData("/health")]
    public async Task AnyResponse_HasHardeningHeaders(string url)
    {
        var response = await app.AnonymousClient().GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndLax()
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.Next());
        var password = app.Options.DemoUsers.Single(u => u.UserName == "consumer").Password;

        var response = await CookieSession.PostSignInAsync(client, "consumer", password, CookieSession.OwnOrigin);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("meshstudio.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
