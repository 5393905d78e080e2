using MeshStudio.Application.Lake;
using MeshStudio.Catalog;
using MeshStudio.Core.Execution;
using MeshStudio.Engine;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Application.Health;

/// <summary>
/// Whether the platform can serve: the catalog answers, the engine runs a query and the lake folder is writable.
/// Unhealthy when the lake's disk is full (the probe write or the last write failed for it), degraded when it is
/// almost full.
/// </summary>
public sealed class PlatformHealth(CatalogStartup catalog, IQueryEngine engine, LakeOptions lake, LakeDiskStatus disk)
{
    /// <summary>Below this much free space on the lake's disk the platform reports itself degraded.</summary>
    public const long LowSpaceBytes = 64L * 1024 * 1024;

    private const string Full = "The lake's disk is full: ingest and uploads answer 507 and store nothing until space is freed.";

    /// <summary>All of it: the first of catalog, engine and lake that is not healthy, else the lake's (free space).</summary>
    public async Task<HealthState> CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var check in new Func<CancellationToken, Task<HealthState>>[] { CheckCatalogAsync, CheckEngineAsync })
        {
            if (await check(cancellationToken) is { Level: not HealthLevel.Healthy } state)
                return state;
        }
        return await CheckLakeAsync(cancellationToken);
    }

    /// <summary>The catalog answers.</summary>
    public Task<HealthState> CheckCatalogAsync(CancellationToken cancellationToken) =>
        Probe(() => catalog.CheckHealthAsync(cancellationToken));

    /// <summary>The engine runs a query (in the platform's own lane, so a busy node still answers).</summary>
    public Task<HealthState> CheckEngineAsync(CancellationToken cancellationToken) =>
        Probe(async () =>
        {
            await foreach (var _ in engine.StreamAsync(SessionGrant.Empty with { Caller = QueryCaller.Background }, "SELECT 1", 1, cancellationToken))
            {
            }
        });

    /// <summary>The lake folder is writable and its disk not (almost) full.</summary>
    public async Task<HealthState> CheckLakeAsync(CancellationToken cancellationToken)
    {
        var free = new DriveInfo(lake.RootPath).AvailableFreeSpace;
        try
        {
            await ProbeWriteAsync(cancellationToken);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            return new HealthState(HealthLevel.Unhealthy, Full, free, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new HealthState(HealthLevel.Unhealthy, "The lake folder is not writable.", free, null);
        }
        if (disk.FullSince is { } at)
            return new HealthState(HealthLevel.Unhealthy, $"{Full} The last write failed for it at {at:u}; {free / 1024} KiB are free now.", free, at);
        if (free < LowSpaceBytes)
            return new HealthState(HealthLevel.Degraded, $"The lake's disk is almost full: {free / (1024 * 1024)} MiB free.", free, null);
        return new HealthState(HealthLevel.Healthy, null, free, null);
    }

    private static async Task<HealthState> Probe(Func<Task> probe)
    {
        try
        {
            await probe();
            return new HealthState(HealthLevel.Healthy, null, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthState(HealthLevel.Unhealthy, e.Message, null, null);
        }
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
