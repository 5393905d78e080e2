using System.Net;
using MeshStudio.Web.Tests.Crash;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Nodes;

/// <summary>Sign-in holds on every node that shares the catalog (ADR 31): the keys that protect the cookie live there.</summary>
[Collection(CrashCollection.Name)]
public sealed class SignInAcrossNodesTests
{
    // The Development demo user's password (appsettings.Development.json).
    private const string AnalystPassword = "Analyst#2026demo";

    [Fact]
    public async Task SessionCookie_NodeThatIssuedItDied_OtherNodeAcceptsIt()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var cookie = await SignInAsync(nodes.A.Address, "sales.analyst", AnalystPassword);

        nodes.A.KillHard();
        using var b = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = nodes.B.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products");
        request.Headers.Add("Cookie", cookie);
        var response = await b.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("revenue_by_country", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Signs in through the form as a browser does and returns the session cookie (<c>name=value</c>).</summary>
    private static async Task<string> SignInAsync(Uri node, string userName, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node };
        var response = await CookieSession.PostSignInAsync(client, userName, password, node.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = cookies.GetCookies(node)["meshstudio.auth"] ?? throw new InvalidOperationException("No session cookie was issued.");
        return $"{session.Name}={session.Value}";
    }
}
