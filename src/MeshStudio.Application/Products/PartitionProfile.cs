namespace MeshStudio.Application.Products;

/// <summary>A Hive partition column of a product's snapshot and how many values (folders) it has.</summary>
public sealed record PartitionProfile(string Name, int DistinctCount);
