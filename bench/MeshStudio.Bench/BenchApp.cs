using MeshStudio.Catalog;
using MeshStudio.Engine;
using MeshStudio.Web.Execution;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeshStudio.Bench;

/// <summary>
/// The real app on Kestrel (loopback, random port) over a fresh temp data folder, Development environment
/// (demo users, tokens and API keys), with the order simulator and background segment compaction off, and the job
/// scheduler off unless a workload needs it, so nothing but the benchmark's own requests runs.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly Factory _factory;

    private BenchApp(string dataPath, bool scheduler)
    {
        DataPath = dataPath;
        _factory = new Factory(dataPath, scheduler);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public string DataPath { get; }

    /// <summary>The hosted app's services (e.g. its event store).</summary>
    public IServiceProvider Services => _factory.Services;

    public string BaseUrl { get; }

    /// <summary>The folder holding the ingested segments of a source.</summary>
    public string SourceDirectory(string domain, string source) => Path.Combine(DataPath, "lake", domain, "sources", source);

    public string ProductDirectory(string domain, string product) => Path.Combine(DataPath, "lake", domain, "products", product);

    /// <param name="scheduler">Run jobs on their <c>run_interval</c> (off: jobs run only on deploy and on demand).</param>
    /// <summary>
    /// The Parquet files of a product's current snapshot, as the catalog records it (read straight from the lake, not
    /// through the download route).
    /// </summary>
    public async Task<IReadOnlyList<string>> SnapshotFilesAsync(string domain, string product)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<MeshDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var location = await db.Products.Where(p => p.Domain!.Name == domain && p.Name == product).Select(p => p.SnapshotLocation).SingleAsync()
                       ?? throw new InvalidOperationException($"{domain}.{product} has no snapshot.");
        return Directory.GetFiles(Services.GetRequiredService<LakeLayout>().ResolveLocation(location), "*.parquet", SearchOption.AllDirectories);
    }

    public static BenchApp Start(bool scheduler = false)
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the working
        // directory, which `dotnet run` leaves at the caller's folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        return new(Path.Combine(Path.GetTempPath(), "meshstudio-bench", Guid.NewGuid().ToString("N")), scheduler);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; the temp folder is cleaned eventually.
        }
    }

    private sealed class Factory(string dataPath, bool scheduler) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("MeshStudio:DataPath", dataPath);
            builder.UseSetting("MeshStudio:Simulator:Enabled", "false");
            builder.UseSetting("MeshStudio:Jobs:SchedulerEnabled", scheduler ? "true" : "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            builder.ConfigureServices(services =>
            {
                var maintenance = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(LakeMaintenance)).ToList();
                foreach (var descriptor in maintenance)
                    services.Remove(descriptor);
            });
        }
    }
}
