using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>A new product snapshot written to the lake.</summary>
/// <param name="Location">The snapshot folder relative to the lake root.</param>
public sealed record SnapshotResult(string Location, long RowCount, IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary>One counter per expectation checked by the run, in the order written.</summary>
    public IReadOnlyList<ExpectationOutcome> Expectations { get; init; } = [];

    /// <summary>The folder (relative to the lake root) holding the rows DROP expectations removed; null when none.</summary>
    public string? QuarantineLocation { get; init; }

    /// <summary>What the run read from each probed input.</summary>
    public IReadOnlyList<InputStats> Inputs { get; init; } = [];
}
