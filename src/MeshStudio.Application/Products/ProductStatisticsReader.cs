using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Application.Products;

/// <summary>
/// Reads the column statistics of a product's current snapshot from its Parquet footers. A minimum or maximum is a
/// value of the data, so the reader needs the same right as for the rows (membership or a grant), and every read
/// is audited (without the values).
/// </summary>
public sealed class ProductStatisticsReader(ProductService products, SnapshotStatistics statistics, AuditLog audit)
{
    public const string AuditAction = "product.statistics-read";

    /// <summary>The statistics; null when the user sees no such product. Refused without access to the data.</summary>
    public async Task<ProductStatistics?> ReadAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var details = await products.GetAsync(user, product, cancellationToken);
        if (details is null)
            return null;
        if (!details.CanReadData)
            throw new AccessDeniedException($"You have no access to {product}. Request access on its marketplace page.");
        var columns = details.SnapshotLocation is null ? null : await statistics.ReadAsync(details.SnapshotLocation, cancellationToken);
        await audit.WriteAsync(user.UserName, AuditAction, product.ToString(), $"columns={columns?.Count ?? 0}", cancellationToken);
        return columns is null ? new ProductStatistics(0, []) : new ProductStatistics(columns.Count == 0 ? 0 : columns[0].RowCount, columns);
    }
}
