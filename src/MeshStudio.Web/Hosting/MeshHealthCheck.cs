using System.Globalization;
using MeshStudio.Application.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeshStudio.Web.Hosting;

/// <summary>The platform's health (<see cref="PlatformHealth"/>) as ASP.NET Core reports it on <c>/health</c>.</summary>
public sealed class MeshHealthCheck(PlatformHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await health.CheckAsync(cancellationToken);
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
