using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Lineage;

/// <param name="Definition">The CREATE JOB statement as deployed.</param>
/// <param name="RunAs">The user the job runs as: its author.</param>
public sealed record InventoryJob(
    QualifiedName Name, QualifiedName Product, string Definition, bool IsPaused, DateTime? LastRunAt, bool? LastRunSucceeded, string? RunAs);
