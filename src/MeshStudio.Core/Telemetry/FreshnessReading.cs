namespace MeshStudio.Core.Telemetry;

/// <summary>
/// A product that promises freshness: since when its data is up to date (its last commit, or a later successful run that
/// found nothing new; null: never committed) and how old its data may be.
/// </summary>
public sealed record FreshnessReading(string Product, DateTime? UpToDateUtc, TimeSpan Sla);
