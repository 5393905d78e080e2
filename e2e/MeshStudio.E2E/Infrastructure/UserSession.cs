using Microsoft.Playwright;

namespace MeshStudio.E2E.Infrastructure;

/// <summary>
/// One demo user signed in to their own browser context. Every journey also checks the Content-Security-Policy: a
/// violation reported on the browser console fails the journey when the session ends.
/// </summary>
public sealed class UserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _cspViolations;

    private UserSession(IBrowserContext context, IPage page, string baseUrl, List<string> cspViolations)
    {
        _context = context;
        _cspViolations = cspViolations;
        Page = page;
        BaseUrl = baseUrl;
    }

    public IPage Page { get; }
    public string BaseUrl { get; }

    public static async Task<UserSession> SignInAsync(LiveApp app, string userName)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var cspViolations = new List<string>();
        context.Console += (_, message) =>
        {
            // Only the app's own pages: another site's page may well be refused by the app's policy (frame-ancestors).
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                && message.Page?.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) == true)
                lock (cspViolations)
                    cspViolations.Add(message.Text);
        };
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", app.Password(userName));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{app.BaseUrl}/");
        await page.GetByTestId("signed-in-user").WaitForAsync();
        return new UserSession(context, page, app.BaseUrl, cspViolations);
    }

    /// <summary>Navigates and waits until the interactive circuit is up (Blazor's reconnect UI element exists).</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(BaseUrl + path);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Opens another tab of this user's browser (same cookies) at <paramref name="url"/>.</summary>
    public async Task<IPage> OpenTabAsync(string url)
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    public Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        lock (_cspViolations)
        {
            if (_cspViolations.Count > 0)
                throw new InvalidOperationException("The browser reported Content-Security-Policy violations:\n" + string.Join("\n", _cspViolations));
        }
    }
}
