namespace MeshStudio.Engine.Products;

/// <summary>A Hive partition column of a snapshot and how many distinct values its folders have (exact).</summary>
public sealed record PartitionColumn(string Name, int DistinctCount);
