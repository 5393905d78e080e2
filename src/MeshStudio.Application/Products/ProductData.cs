using MeshStudio.Application.Execution;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Application.Products;

/// <summary>
/// Reading a product's data as a user, for every adapter: pages of rows and the current snapshot as a file
/// (downloads, audited as <see cref="DownloadAction"/>, not as queries), the product page's sample, and its commits
/// as they happen. Each checks, once, that the user may read the data (membership or a grant).
/// </summary>
public sealed class ProductData(ProductService products, ExecutionService execution, SnapshotExport export, ProductChangeFeed changes, AuditLog audit)
{
    public const string DownloadAction = "product.downloaded";

    /// <summary>
    /// Starts page <paramref name="page"/> (from 1) of the rows, with one row more than <paramref name="pageSize"/>
    /// so the caller can tell whether there is a next page. Null when the user sees no such product.
    /// </summary>
    public async Task<QueryStream?> StartPageAsync(
        UserContext user, QualifiedName product, ProductDataFormat format, int pageSize, int page, CancellationToken cancellationToken)
    {
        if (!await DownloadAsync(user, product, format, cancellationToken))
            return null;
        return await execution.StartUnauditedAsync(user, ProductQueries.PageAndOneMore(product, pageSize, page), cancellationToken);
    }

    /// <summary>
    /// The current snapshot as one Parquet file. Null when the user sees no such product; a file without
    /// <see cref="SnapshotFile.Content"/> when the product has no committed snapshot yet.
    /// </summary>
    public async Task<SnapshotFile?> OpenSnapshotAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        var details = await ReadableAsync(user, product, cancellationToken);
        if (details is null)
            return null;
        await AuditDownloadAsync(user, product, ProductDataFormat.Parquet, cancellationToken);
        return new SnapshotFile(details.SnapshotLocation is null ? null : export.OpenSingleFile(details.SnapshotLocation));
    }

    /// <summary>The first <paramref name="rows"/> rows, read (and audited) as the user's query: the product page's sample.</summary>
    public Task<QueryResult> SampleAsync(UserContext user, QualifiedName product, int rows, CancellationToken cancellationToken) =>
        execution.QueryAllAsync(user, ProductQueries.Sample(product, rows), rows, cancellationToken);

    /// <summary>The product's commits from now on, until cancelled; refused unless the user may read its data.</summary>
    public async Task<IAsyncEnumerable<ProductChange>> SubscribeAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken) =>
        await ReadableAsync(user, product, cancellationToken) is null
            ? throw NoAccess(product)
            : changes.SubscribeAsync(product, cancellationToken);

    private async Task<bool> DownloadAsync(UserContext user, QualifiedName product, ProductDataFormat format, CancellationToken cancellationToken)
    {
        if (await ReadableAsync(user, product, cancellationToken) is null)
            return false;
        await AuditDownloadAsync(user, product, format, cancellationToken);
        return true;
    }

    private Task AuditDownloadAsync(UserContext user, QualifiedName product, ProductDataFormat format, CancellationToken cancellationToken) =>
        audit.WriteAsync(user.UserName, DownloadAction, product.ToString(), "format=" + format switch { ProductDataFormat.Csv => "csv", ProductDataFormat.Parquet => "parquet", _ => "json" }, cancellationToken);

    /// <summary>The product as the user sees it; null when they see none; refused when they may not read its data.</summary>
    private async Task<ProductDetails?> ReadableAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(product);
        var details = await products.GetAsync(user, product, cancellationToken);
        return details is null || details.CanReadData ? details : throw NoAccess(product);
    }

    private static AccessDeniedException NoAccess(QualifiedName product) =>
        new($"You have no access to {product}. Request access on its marketplace page.");
}
