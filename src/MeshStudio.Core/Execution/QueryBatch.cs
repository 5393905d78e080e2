namespace MeshStudio.Core.Execution;

/// <summary>
/// A slice of a streamed result. The first batch of every stream carries <see cref="Columns"/>
/// (possibly with no rows); later batches leave it null. Values are JSON-friendly:
/// numbers, strings, booleans, null, and ISO-8601 strings for dates and times.
/// </summary>
public sealed record QueryBatch(IReadOnlyList<ResultColumn>? Columns, IReadOnlyList<object?[]> Rows, long RowsSoFar);
