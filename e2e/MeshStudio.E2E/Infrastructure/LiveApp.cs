using MeshStudio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace MeshStudio.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel (loopback, random port) with a fresh data folder and the demo mesh, plus one
/// headless Debian chromium shared by the journeys. The simulator and job scheduler run as in production.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes its fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class LiveApp : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "meshstudio-e2e", Guid.NewGuid().ToString("N"));
    private Factory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public IServiceProvider Services => _factory!.Services;
    public MeshStudioOptions Options => Services.GetRequiredService<IOptions<MeshStudioOptions>>().Value;

    public async Task InitializeAsync()
    {
        _factory = new Factory(_dataPath);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        // CI machines have 2 cores shared with the other test projects: allow slow renders, still fail real breaks.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; the temp folder is cleaned eventually.
        }
    }

    public string Password(string userName) => Options.DemoUsers.Single(u => u.UserName == userName).Password;

    private sealed class Factory(string dataPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("MeshStudio:DataPath", dataPath);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveAppCollection : ICollectionFixture<LiveApp>
{
    public const string Name = "live app";
}
