namespace MeshStudio.Engine.Products;

/// <summary>
/// What the Parquet footers of a snapshot say about one column: <paramref name="RowCount"/> rows (nulls included),
/// of which <paramref name="NullCount"/> are null, the smallest and largest value. A figure is null when a footer
/// does not record it, so an unknown is never shown as a value (nested columns have none; binary values are not shown).
/// Decimals past <see cref="decimal"/>'s range and UBIGINTs are their exact text. <paramref name="DistinctCount"/> is
/// the footer's distinct count, known only for a column in one row group (counts of row groups do not add up).
/// </summary>
public sealed record ColumnStatistics(string Name, long RowCount, long? NullCount, object? Min, object? Max, long? DistinctCount = null);
