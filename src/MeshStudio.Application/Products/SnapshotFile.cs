namespace MeshStudio.Application.Products;

/// <summary>A product's current snapshot as one Parquet file; <paramref name="Content"/> is null when nothing is committed yet.</summary>
public sealed record SnapshotFile(Stream? Content);
