using MeshStudio.Catalog;
using MeshStudio.Core.Execution;
using MeshStudio.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeshStudio.Web.Hosting;

/// <summary>Healthy when the catalog answers, the engine runs a query and the lake folder is writable.</summary>
public sealed class MeshHealthCheck(CatalogStartup catalog, IQueryEngine engine, LakeOptions lake) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await catalog.CheckHealthAsync(cancellationToken);
            await foreach (var _ in engine.StreamAsync(SessionGrant.Empty with { Caller = QueryCaller.Background }, "SELECT 1", 1, cancellationToken))
            {
            }
            var probe = Path.Combine(lake.RootPath, $".health-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
