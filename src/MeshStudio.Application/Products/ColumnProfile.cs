namespace MeshStudio.Application.Products;

/// <summary>
/// One column of a product's profile: rows (nulls included), nulls, smallest and largest value, distinct values. A
/// figure is null when neither the footers nor the engine could give it; wide decimals and UBIGINTs are exact text.
/// </summary>
public sealed record ColumnProfile(string Name, long RowCount, long? NullCount, object? Min, object? Max, long? DistinctCount);
