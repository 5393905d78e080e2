namespace MeshStudio.Core.Products.Trust;

/// <summary>The state of the job that writes a product.</summary>
/// <param name="RunInterval">Null when it runs on demand only.</param>
public sealed record TrustJobFacts(bool IsPaused, TimeSpan? RunInterval, bool? LastRunSucceeded, DateTime? LastRunAt);
