using MeshStudio.Core.Execution;

namespace MeshStudio.Application.Execution;

/// <summary>A whole (small) query result; <paramref name="Truncated"/> when rows were left out by a limit.</summary>
public sealed record QueryResult(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]> Rows, bool Truncated = false);
