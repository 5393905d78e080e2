using System.Globalization;
using MeshStudio.Application.Lake;
using MeshStudio.Catalog;
using MeshStudio.Core.Execution;
using MeshStudio.Engine;
using MeshStudio.Engine.Durability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeshStudio.Web.Hosting;

/// <summary>
/// Healthy when the catalog answers, the engine runs a query and the lake folder is writable. Unhealthy when the
/// lake's disk is full (the probe write or the last write failed for it), degraded when it is almost full.
/// </summary>
public sealed class MeshHealthCheck(CatalogStartup catalog, IQueryEngine engine, LakeOptions lake, LakeDiskStatus disk) : IHealthCheck
{
    /// <summary>Below this much free space on the lake's disk the platform reports itself degraded.</summary>
    public const long LowSpaceBytes = 64L * 1024 * 1024;

    private const string Full = "The lake's disk is full: ingest and uploads answer 507 and store nothing until space is freed.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await catalog.CheckHealthAsync(cancellationToken);
            await foreach (var _ in engine.StreamAsync(SessionGrant.Empty, "SELECT 1", 1, cancellationToken))
            {
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }

        var free = new DriveInfo(lake.RootPath).AvailableFreeSpace;
        var data = new Dictionary<string, object> { ["lakeFreeBytes"] = free };
        try
        {
            await ProbeWriteAsync(cancellationToken);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            return HealthCheckResult.Unhealthy(Full, data: data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The lake folder is not writable.", data: data);
        }
        if (disk.FullSince is { } at)
        {
            data["lastWriteFailedAt"] = at.ToString("O", CultureInfo.InvariantCulture);
            return HealthCheckResult.Unhealthy($"{Full} The last write failed for it at {at:u}; {free / 1024} KiB are free now.", data: data);
        }
        if (free < LowSpaceBytes)
            return HealthCheckResult.Degraded($"The lake's disk is almost full: {free / (1024 * 1024)} MiB free.", data: data);
        return HealthCheckResult.Healthy(data: data);
    }

    private async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var probe = Path.Combine(lake.RootPath, $".health-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
