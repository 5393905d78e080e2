using System.Net.Http.Headers;
using MeshStudio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeshStudio.Web.Tests.Shared;

/// <summary>
/// The real app on the test server: SQLite catalog and DuckDB lake in a temp folder, the demo mesh seeded
/// with the Development users. The simulator and the scheduler are off so tests decide when jobs run.
/// </summary>
public sealed class MeshAppFactory : WebApplicationFactory<Program>
{
    /// <summary>The byte limit of one result in the test app (small, so limit tests stay quick).</summary>
    public const long MaxResultBytes = 4 * 1024 * 1024;

    /// <summary>The data folder; a second app may be started on the same folder to test a restart.</summary>
    public string DataPath { get; init; } = Path.Combine(Path.GetTempPath(), "meshstudio-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Leaves the data folder when disposed (the first app of a restart test).</summary>
    public bool KeepData { get; init; }

    /// <summary>More settings (e.g. <c>MeshStudio:Telemetry:PrometheusEnabled</c>), applied after the test defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("MeshStudio:DataPath", DataPath);
        builder.UseSetting("MeshStudio:Simulator:Enabled", "false");
        builder.UseSetting("MeshStudio:Jobs:SchedulerEnabled", "false");
        builder.UseSetting("MeshStudio:Query:TimeoutSeconds", "10");
        // Sign-in limits hold for the whole run, so throttling tests count attempts, not time.
        builder.UseSetting("MeshStudio:SignIn:ClientWindowSeconds", "3600");
        builder.UseSetting("MeshStudio:SignIn:AccountRefillSeconds", "3600");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientAddress>());
        builder.UseSetting("MeshStudio:Query:MaxResultBytes", MaxResultBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    public MeshStudioOptions Options => Services.GetRequiredService<IOptions<MeshStudioOptions>>().Value;

    /// <summary>An API client authenticated with the demo user's personal access token.</summary>
    public HttpClient ClientFor(string userName)
    {
        var token = Options.DemoUsers.Single(u => u.UserName == userName).Token;
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public string ApiKey(string domain) => Options.DemoApiKeys[domain];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepData)
            return;
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may still hold a temp file for a moment; the OS temp folder is cleaned eventually.
        }
    }
}
