namespace MeshStudio.Web.Telemetry;

/// <summary>The <c>MeshStudio:Telemetry</c> section: where metrics and traces go (docs/operations.md). All off by default.</summary>
public sealed class TelemetrySettings
{
    /// <summary>
    /// An OTLP collector (e.g. <c>http://collector:4317</c>) that receives metrics and traces; empty means the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable, and without either nothing is sent.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>Serves the metrics in Prometheus' text format on <c>/metrics</c>.</summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary>The bearer token a scraper must send to <c>/metrics</c> (its attributes name sources, jobs and products).</summary>
    public string ScrapeToken { get; set; } = "";

    /// <summary>Lets anyone who reaches the node read <c>/metrics</c>, without a token; for a scraper on a private network.</summary>
    public bool AllowAnonymousScrape { get; set; }

    public bool OtlpEnabled(string? standardEndpoint) => OtlpEndpoint.Length > 0 || !string.IsNullOrWhiteSpace(standardEndpoint);

    /// <summary>Refuses a scrape endpoint nobody may read, or everybody may read without the operator saying so.</summary>
    public void Validate()
    {
        if (PrometheusEnabled && string.IsNullOrWhiteSpace(ScrapeToken) && !AllowAnonymousScrape)
        {
            throw new InvalidOperationException(
                "MeshStudio:Telemetry:PrometheusEnabled is true but no scraper could read /metrics: set MeshStudio:Telemetry:ScrapeToken " +
                "(the scraper sends it as 'Authorization: Bearer <token>') or, on a private network, MeshStudio:Telemetry:AllowAnonymousScrape=true.");
        }
    }
}
