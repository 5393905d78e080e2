using MeshStudio.Core.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MeshStudio.Web.Telemetry;

/// <summary>
/// Exports the <see cref="MeshTelemetry"/> instruments and traces, with ASP.NET Core's and the runtime's, over OTLP
/// and/or on a Prometheus scrape endpoint, as <c>MeshStudio:Telemetry</c> says. Without either nothing listens.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public static void AddMeshTelemetry(this WebApplicationBuilder builder, TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        builder.Services.AddSingleton(settings);
        builder.Services.AddScoped<CircuitHandler, StudioSessionCounter>();
        var otlp = settings.OtlpEnabled(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !settings.PrometheusEnabled)
            return;

        builder.Services.AddHostedService<FreshnessGauges>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(MeshTelemetry.Name.ToLowerInvariant()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MeshTelemetry.Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (settings.PrometheusEnabled)
                    metrics.AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter(o => Point(o, settings));
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(MeshTelemetry.Name).AddAspNetCoreInstrumentation();
                if (otlp)
                    tracing.AddOtlpExporter(o => Point(o, settings));
            });
    }

    public static void MapMeshTelemetry(this WebApplication app, TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PrometheusEnabled)
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, branch => branch.UseMiddleware<ScrapeAccess>(), optionsName: null).AllowAnonymous();
    }

    /// <summary>Our setting wins; otherwise the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.</summary>
    private static void Point(OtlpExporterOptions options, TelemetrySettings settings)
    {
        if (settings.OtlpEndpoint.Length > 0)
            options.Endpoint = new Uri(settings.OtlpEndpoint);
    }
}
