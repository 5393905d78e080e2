using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>Materialises a job's SELECT into a new, complete snapshot of a product.</summary>
public interface IProductWriter
{
    /// <summary>
    /// Runs <paramref name="selectSql"/> with <paramref name="grant"/> and writes the result as Parquet into a
    /// new snapshot folder of <paramref name="product"/>. With <paramref name="keyColumns"/> only the last row
    /// per key is kept. The snapshot becomes visible only when the caller records it in the catalog.
    /// </summary>
    Task<SnapshotResult> WriteSnapshotAsync(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product, CancellationToken cancellationToken) =>
        WriteSnapshotAsync(grant, selectSql, keyColumns, product, [], cancellationToken);

    /// <summary>
    /// As above, checking <paramref name="expectations"/> on the input rows first, in the same session (so on the
    /// same data): DROP hides violating rows from the SELECT and writes them to a quarantine folder next to the
    /// product's snapshots, WARN only counts, FAIL throws <see cref="ExpectationFailedException"/> before anything
    /// is written. The counters are returned with the snapshot.
    /// </summary>
    Task<SnapshotResult> WriteSnapshotAsync(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product,
        IReadOnlyList<ExpectationCheck> expectations, CancellationToken cancellationToken) =>
        WriteSnapshotAsync(new SnapshotRequest(grant, selectSql, keyColumns, product, expectations, SnapshotPlan.Replace, []), cancellationToken);

    /// <summary>
    /// As above, with the run's <see cref="SnapshotPlan"/>: the result replaces the product, or is appended to,
    /// upserted into or merged with the previous snapshot (which the new snapshot then contains). Reports what the
    /// run read from each of <see cref="SnapshotRequest.Probes"/>.
    /// </summary>
    Task<SnapshotResult> WriteSnapshotAsync(SnapshotRequest request, CancellationToken cancellationToken);
}
