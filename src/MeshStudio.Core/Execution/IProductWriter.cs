using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>Materialises a job's SELECT into a new, complete snapshot of a product.</summary>
public interface IProductWriter
{
    /// <summary>
    /// Runs the request's SELECT with its grant and writes the result as Parquet into a new snapshot folder of the
    /// product. With key columns only the last row per key is kept. Expectations are checked on the input rows first,
    /// in the same session (so on the same data): DROP hides violating rows from the SELECT and writes them to a
    /// quarantine folder next to the product's snapshots, WARN only counts, FAIL throws
    /// <see cref="ExpectationFailedException"/> before anything is written; the counters are returned with the
    /// snapshot. The <see cref="SnapshotPlan"/> says whether the result replaces the product, or is appended to,
    /// upserted into or merged with the previous snapshot (which the new snapshot then contains). Reports what the
    /// run read from each of <see cref="SnapshotRequest.Probes"/>. The snapshot becomes visible only when the caller
    /// records it in the catalog.
    /// </summary>
    Task<SnapshotResult> WriteSnapshotAsync(SnapshotRequest request, CancellationToken cancellationToken);
}
