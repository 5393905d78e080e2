using System.Globalization;
using MeshStudio.Application.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeshStudio.Web.Hosting;

/// <summary>One of the platform's dependencies (<see cref="PlatformHealth"/>) as ASP.NET Core's health checks report it.</summary>
public sealed class MeshHealthCheck(Func<CancellationToken, Task<HealthState>> check) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await check(cancellationToken);
        var data = new Dictionary<string, object>();
        if (state.LakeFreeBytes is { } free)
            data["lakeFreeBytes"] = free;
        if (state.LastWriteFailedAt is { } at)
            data["lastWriteFailedAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        return state.Level switch
        {
            HealthLevel.Healthy => HealthCheckResult.Healthy(data: data),
            HealthLevel.Degraded => HealthCheckResult.Degraded(state.Problem, data: data),
            _ => HealthCheckResult.Unhealthy(state.Problem, data: data),
        };
    }
}
