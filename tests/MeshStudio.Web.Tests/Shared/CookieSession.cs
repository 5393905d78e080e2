using System.Net;
using System.Text.RegularExpressions;

namespace MeshStudio.Web.Tests.Shared;

/// <summary>A browser-like client of the test server: signs in through the sign-in form and keeps the session cookie.</summary>
internal static partial class CookieSession
{
    /// <summary>The origin of the test server, which the app's own pages send as <c>Origin</c>.</summary>
    public const string OwnOrigin = "http://localhost";

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<HttpClient> SignInAsync(MeshAppFactory app, string userName)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.Next());
        var password = app.Options.DemoUsers.Single(u => u.UserName == userName).Password;
        var response = await PostSignInAsync(client, userName, password, OwnOrigin);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"Sign-in failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>Posts the sign-in form as the sign-in page does, from <paramref name="origin"/> (none when null).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password, string? origin,
        string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = userName,
                ["password"] = password,
                ["returnUrl"] = returnUrl ?? "",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    /// <summary>Sends a request with the given <c>Origin</c> and <c>Sec-Fetch-Site</c> headers (each left out when null).</summary>
    public static Task<HttpResponseMessage> SendFromAsync(this HttpClient client, HttpMethod method, string url, string? origin,
        string? fetchSite = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        if (fetchSite is not null)
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return client.SendAsync(request);
    }
}
