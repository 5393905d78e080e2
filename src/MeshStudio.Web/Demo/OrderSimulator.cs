using System.Text;
using MeshStudio.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MeshStudio.Web.Demo;

/// <summary>
/// Feeds <c>sales.orders</c> with live orders through the public ingest endpoint, exactly like an external
/// producer: over HTTP, with the domain's API key.
/// </summary>
public sealed partial class OrderSimulator(IServer server, IHostApplicationLifetime lifetime, IOptions<MeshStudioOptions> options, TimeProvider time, ILogger<OrderSimulator> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Simulator.Enabled || !settings.SeedDemoMesh || !settings.DemoApiKeys.TryGetValue("sales", out var key))
            return;
        if (!await WaitForStartAsync(stoppingToken))
            return;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
            return;

        using var http = new HttpClient { BaseAddress = Loopback(address) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var generator = new DemoEvents(new Random());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Max(0.1, settings.Simulator.BatchesPerSecond)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var body = string.Join('\n', Enumerable.Range(0, settings.Simulator.EventsPerBatch).Select(_ => generator.Order(now)));
            try
            {
                using var response = await http.PostAsync("/api/ingest/sales/orders", new StringContent(body, Encoding.UTF8, "application/x-ndjson"), stoppingToken);
                if (!response.IsSuccessStatusCode)
                    LogBatchRefused(logger, response.StatusCode, await response.Content.ReadAsStringAsync(stoppingToken));
            }
            catch (HttpRequestException e)
            {
                LogPostFailed(logger, e.Message);
            }
        }
    }

    /// <summary>The server's own address with any wildcard host (+, *, [::], 0.0.0.0) replaced by localhost.</summary>
    private static Uri Loopback(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "[::]" or "::" or "0.0.0.0")
            uri.Host = "localhost";
        return uri.Uri;
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var __ = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulator's batch was refused: {Status} {Body}")]
    private static partial void LogBatchRefused(ILogger logger, System.Net.HttpStatusCode status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulator could not post: {Message}")]
    private static partial void LogPostFailed(ILogger logger, string message);
}
