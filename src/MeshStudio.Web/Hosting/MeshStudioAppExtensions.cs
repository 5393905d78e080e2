using MeshStudio.Catalog;
using MeshStudio.Web.Api;
using MeshStudio.Web.Components;
using MeshStudio.Web.Demo;
using MeshStudio.Web.Hubs;
using MeshStudio.Web.Security;
using MeshStudio.Web.Telemetry;

namespace MeshStudio.Web.Hosting;

public static class MeshStudioAppExtensions
{
    /// <summary>Creates the catalog and seeds the demo mesh (idempotent) before the app serves requests.</summary>
    public static async Task InitializeMeshStudioAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<CatalogStartup>().InitializeAsync(CancellationToken.None);
        await app.Services.GetRequiredService<DemoMeshSeeder>().SeedAsync(CancellationToken.None);
    }

    public static WebApplication UseMeshStudio(this WebApplication app)
    {
        app.UseMiddleware<DeniedAccessAudit>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseAuthentication();
        app.UseMiddleware<SameOriginGuard>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapMeshHealthChecks();
        app.MapMeshTelemetry(app.Services.GetRequiredService<TelemetrySettings>());
        app.MapOpenApi().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapIngestEndpoints();
        app.MapSourceFileEndpoints();
        app.MapProductEndpoints();
        app.MapContractEndpoints();
        app.MapProductInsightEndpoints();
        app.MapLineageEndpoints();
        app.MapVersionEndpoints();
        app.MapNotificationEndpoints();
        app.MapSqlEndpoints();
        app.MapPipelineEndpoints();
        app.MapJobEndpoints();
        app.MapAuditEndpoints();
        app.MapPolicyEndpoints();
        app.MapHub<ExecutionHub>(ExecutionHub.Path);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
