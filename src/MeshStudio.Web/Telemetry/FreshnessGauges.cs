using MeshStudio.Application.Products;
using MeshStudio.Core.Telemetry;

namespace MeshStudio.Web.Telemetry;

/// <summary>
/// Feeds the freshness gauges (<c>meshstudio.product.freshness</c> and its SLA) from the catalog: the promises and last
/// commits are read every <see cref="Interval"/>, the ages computed when the gauges are observed.
/// </summary>
public sealed partial class FreshnessGauges(ProductFreshness freshness, TimeProvider time, ILogger<FreshnessGauges> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private IReadOnlyList<FreshnessReading> _latest = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var observation = MeshTelemetry.ObserveFreshness(() => Volatile.Read(ref _latest));
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                Volatile.Write(ref _latest, await freshness.ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReadFailed(logger, e, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the products' freshness from the catalog failed; the gauges keep the last reading and retry in {Interval}.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, TimeSpan interval);
}
