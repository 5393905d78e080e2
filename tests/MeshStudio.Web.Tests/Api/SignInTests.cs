using System.Net;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Governance;
using MeshStudio.Web.Security;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Sign-in: throttled per client and per account, never locked, one answer for unknown users, safe return URLs.</summary>
[Collection(MeshAppCollection.Name)]
public class SignInTests(MeshAppFactory app)
{
    private string Password(string userName) => app.Options.DemoUsers.Single(u => u.UserName == userName).Password;

    /// <summary>One sign-in attempt from its own client address unless one is given.</summary>
    private async Task<HttpResponseMessage> AttemptAsync(string userName, string password, string? address = null, string? returnUrl = null,
        string? accept = null)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address ?? TestClientAddress.Next());
        if (accept is not null)
            client.DefaultRequestHeaders.Add("Accept", accept);
        return await CookieSession.PostSignInAsync(client, userName, password, CookieSession.OwnOrigin, returnUrl);
    }

    private Task<IReadOnlyList<AuditEntryView>> AuditAsync() =>
        app.Services.GetRequiredService<AuditLog>().ListAsync(0, 500, CancellationToken.None);

    [Fact]
    public async Task SignIn_TenWrongPasswordsForAdmin_DoNotLockTheAccount()
    {
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await AttemptAsync("admin", "wrong-password-" + i)).StatusCode);

        var response = await AttemptAsync("admin", Password("admin"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var failures = (await AuditAsync()).Where(e => e.Action == AccountEndpoints.FailedAction && e.Target == "admin").ToList();
        Assert.True(failures.Count >= 10);
        Assert.All(failures, e => Assert.DoesNotContain("wrong-password", e.Details + e.Target + e.Actor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_UnknownUserOrWrongPassword_GetTheSameAnswer()
    {
        var unknown = await AttemptAsync("no.such.user", "Whatever#2026", returnUrl: "/studio");
        var wrong = await AttemptAsync("sales.owner", "Whatever#2026", returnUrl: "/studio");

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal((unknown.StatusCode, unknown.Headers.Location), (wrong.StatusCode, wrong.Headers.Location));
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_AccountOutOfAttempts_Is429ForAnyPasswordAndAudited()
    {
        var failures = app.Options.SignIn.AttemptsPerAccount;
        for (var i = 0; i < failures; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await AttemptAsync("throttled.user", "wrong-" + i)).StatusCode);

        var response = await AttemptAsync("throttled.user", "another-guess");

        var problem = await response.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many sign-in attempts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains(await AuditAsync(), e => e.Action == SignInThrottle.ThrottledAction && e.Target == "throttled.user" && e.Details == "per account");
    }

    [Fact]
    public async Task SignIn_SuccessfulSignIns_DoNotUseUpTheAccountsAttempts()
    {
        for (var i = 0; i < app.Options.SignIn.AttemptsPerAccount + 2; i++)
            Assert.Equal("/", (await AttemptAsync("logistics.owner", Password("logistics.owner"))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_BrowserOutOfAttempts_ReturnsToTheSignInPageSayingHowLongToWait()
    {
        for (var i = 0; i < app.Options.SignIn.AttemptsPerAccount; i++)
            await AttemptAsync("throttled.browser", "wrong-" + i);

        var response = await AttemptAsync("throttled.browser", "another-guess", accept: "text/html,application/xhtml+xml");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await app.AnonymousClient().GetStringAsync(response.Headers.Location);
        Assert.Contains($"Too many sign-in attempts. Wait {app.Options.SignIn.AccountRefillSeconds} seconds and try again.", page, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(), e => e.Action == SignInThrottle.ThrottledAction && e.Target == "throttled.browser");
    }

    [Fact]
    public async Task SignIn_OneClientOutOfAttempts_Is429AndAudited()
    {
        var address = TestClientAddress.Next();
        for (var i = 0; i < app.Options.SignIn.AttemptsPerClient; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await AttemptAsync($"sprayed.user{i}", "guess", address)).StatusCode);

        var response = await AttemptAsync("consumer", Password("consumer"), address);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains(await AuditAsync(), e => e.Action == SignInThrottle.ThrottledAction && e.Actor == $"anonymous ({address})");
        Assert.Equal(HttpStatusCode.Redirect, (await AttemptAsync("consumer", Password("consumer"))).StatusCode);
    }

    [Theory]
    [InlineData("/\t/x")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/studio\r\nX: y")]
    [InlineData("studio")]
    public async Task SignIn_OddReturnUrl_GoesHome(string returnUrl)
    {
        var response = await AttemptAsync("consumer", Password("consumer"), returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_IsFollowed()
    {
        var response = await AttemptAsync("consumer", Password("consumer"), returnUrl: "/marketplace?q=orders");

        Assert.Equal("/marketplace?q=orders", response.Headers.Location!.OriginalString);
    }
}
