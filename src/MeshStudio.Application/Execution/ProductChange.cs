using MeshStudio.Core.Products;

namespace MeshStudio.Application.Execution;

/// <summary>A product committed a new snapshot.</summary>
public sealed record ProductChange(QualifiedName Product, DateTime CommittedAt, long RowCount);
