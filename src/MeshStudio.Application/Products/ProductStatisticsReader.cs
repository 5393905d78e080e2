using System.Collections.Concurrent;
using MeshStudio.Application.Execution;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Application.Products;

/// <summary>
/// Reads the column profile of a product's current snapshot: the statistics of its Parquet footers, plus distinct
/// counts from DuckDB's <c>approx_count_distinct</c> where the footers record none. A snapshot never changes, so a
/// profile is computed once per snapshot, on its first read, and kept by its location. A minimum or maximum is a
/// value of the data, so the reader needs the same right as for the rows (membership or a grant), and every read
/// is audited (without the values).
/// </summary>
public sealed class ProductStatisticsReader(ProductService products, SnapshotStatistics statistics, ExecutionService execution, AuditLog audit)
{
    public const string AuditAction = "product.statistics-read";

    /// <summary>Profiles kept; past this the cache starts over (a snapshot that is read again is profiled again).</summary>
    private const int ProfilesKept = 256;

    private readonly ConcurrentDictionary<string, ProductStatistics> _profiles = new(StringComparer.Ordinal);

    /// <summary>The profile; null when the user sees no such product. Refused without access to the data.</summary>
    public async Task<ProductStatistics?> ReadAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var details = await products.GetAsync(user, product, cancellationToken);
        if (details is null)
            return null;
        if (!details.CanReadData)
            throw new AccessDeniedException($"You have no access to {product}. Request access on its marketplace page.");
        var profile = details.SnapshotLocation is { } location
            ? _profiles.GetValueOrDefault(location) ?? await ProfileAsync(user, product, location, cancellationToken)
            : new ProductStatistics(0, []);
        await audit.WriteAsync(user.UserName, AuditAction, product.ToString(), $"columns={profile.Columns.Count}", cancellationToken);
        return profile;
    }

    private async Task<ProductStatistics> ProfileAsync(UserContext user, QualifiedName product, string location, CancellationToken cancellationToken)
    {
        if (await statistics.ReadFootersAsync(location, cancellationToken) is not { } footers)
            return new ProductStatistics(0, []);
        var distinct = await ApproxDistinctAsync(user, product, footers.Columns.Where(c => c.DistinctCount is null).Select(c => c.Name).ToList(), cancellationToken);
        var profile = new ProductStatistics(footers.RowCount,
            footers.Columns.Select(c => new ColumnProfile(c.Name, c.RowCount, c.NullCount, c.Min, c.Max, c.DistinctCount ?? distinct.GetValueOrDefault(c.Name))).ToList())
        {
            Snapshot = Path.GetFileName(location.TrimEnd('/', '\\')),
            Files = footers.Files,
            RowGroups = footers.RowGroups,
            Partitions = footers.Partitions.Select(p => new PartitionProfile(p.Name, p.DistinctCount)).ToList(),
        };
        if (_profiles.Count >= ProfilesKept)
            _profiles.Clear();
        _profiles[location] = profile;
        return profile;
    }

    /// <summary>
    /// One scan of the product for every column at once, as the user's read (not audited as a query: the profile read
    /// is). Empty when the scan fails (e.g. a type without a hash); the profile then has no distinct counts.
    /// </summary>
    private async Task<Dictionary<string, long?>> ApproxDistinctAsync(UserContext user, QualifiedName product, List<string> columns, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long?>(StringComparer.Ordinal);
        if (columns.Count == 0)
            return counts;
        try
        {
            await using var stream = await execution.StartUnauditedAsync(user, ProductQueries.ApproxDistinct(product, columns), cancellationToken);
            await foreach (var batch in stream.ReadAllAsync().WithCancellation(cancellationToken))
            {
                foreach (var row in batch.Rows.Take(1))
                {
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (row[i] is { } value)
                            counts[columns[i]] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }
        }
        catch (SqlException)
        {
            counts.Clear();
        }
        return counts;
    }
}
