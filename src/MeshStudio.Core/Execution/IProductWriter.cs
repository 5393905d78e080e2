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
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product, CancellationToken cancellationToken);
}
