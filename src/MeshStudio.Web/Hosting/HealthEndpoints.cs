using System.Text.Json;
using MeshStudio.Application.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeshStudio.Web.Hosting;

/// <summary>
/// Health for orchestrators, one check per dependency: <c>catalog</c>, <c>engine</c>, <c>lake</c> and, when configured,
/// <c>redis</c>. <c>/health</c> sums them up in a line, <c>/health/ready</c> lists each as JSON, <c>/health/live</c> only
/// says the process answers (restarting it would not heal a dependency).
/// </summary>
public static class HealthEndpoints
{
    private const string Dependency = "dependency";

    public static IHealthChecksBuilder AddMeshHealthChecks(this IServiceCollection services)
    {
        var checks = services.AddHealthChecks();
        foreach (var (name, check) in new (string, Func<PlatformHealth, Func<CancellationToken, Task<HealthState>>>)[]
                 {
                     ("catalog", h => h.CheckCatalogAsync), ("engine", h => h.CheckEngineAsync), ("lake", h => h.CheckLakeAsync),
                 })
        {
            checks.Add(new HealthCheckRegistration(name, provider => new MeshHealthCheck(check(provider.GetRequiredService<PlatformHealth>())),
                failureStatus: null, tags: [Dependency]));
        }
        return checks;
    }

    public static void MapMeshHealthChecks(this WebApplication app)
    {
        // "Healthy", or the status with the first problem (e.g. "Unhealthy: The lake's disk is full: …").
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Dependency),
            ResponseWriter = (context, report) =>
            {
                var description = report.Entries.Values.Select(e => e.Description).FirstOrDefault(d => !string.IsNullOrEmpty(d));
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync(description is null ? report.Status.ToString() : $"{report.Status}: {description}");
            },
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Dependency), ResponseWriter = WriteChecksAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
    }

    /// <summary><c>{"status": "Healthy", "checks": {"catalog": {"status": "Healthy", "description": null}, …}}</c>.</summary>
    private static Task WriteChecksAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description });
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), checks }));
    }
}
