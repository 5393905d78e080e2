namespace MeshStudio.Application.Ingestion;

/// <summary>Who sends events to an HTTP source: the key they present and how the audit log names them.</summary>
/// <param name="ApiKey">The <c>X-Api-Key</c> header (a domain's ingestion key), or null when there was none.</param>
/// <param name="Actor">The caller as the audit log names an unauthenticated client, e.g. <c>anonymous (10.0.0.1)</c>.</param>
public sealed record IngestCaller(string? ApiKey, string Actor);
