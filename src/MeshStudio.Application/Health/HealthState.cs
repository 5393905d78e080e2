namespace MeshStudio.Application.Health;

/// <summary>What <see cref="PlatformHealth"/> found.</summary>
/// <param name="Problem">What is wrong, for operators (null when healthy).</param>
/// <param name="LakeFreeBytes">Free space on the lake's disk; null when the check did not get that far.</param>
/// <param name="LastWriteFailedAt">When the last write failed for a full disk, if that is why it is unhealthy.</param>
public sealed record HealthState(HealthLevel Level, string? Problem, long? LakeFreeBytes, DateTimeOffset? LastWriteFailedAt);
