using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Jobs;

public sealed record JobView(
    QualifiedName Name,
    QualifiedName Product,
    int? RunIntervalSeconds,
    bool IsPaused,
    DateTime? LastRunAt,
    bool? LastRunSucceeded,
    string? LastError,
    string Definition);
