using System.Globalization;
using MeshStudio.Application.Products;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Engine;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Time travel in user queries: replaces each <c>SNAPSHOT(domain.product, …)</c> by a generated relation name and adds
/// that relation to the session's grant, over the product's earlier snapshot folder — only when the grant already lets the
/// user read the product (its current relation is the proof). Errors point at the call's arguments.
/// </summary>
public sealed class SnapshotResolver(ProductService products, LakeLayout lake, ISqlParser parser, TimeSpan retention)
{
    /// <summary>The query with its calls replaced, and <paramref name="grant"/> plus one relation per distinct call.</summary>
    public async Task<(SnapshotRewrite Rewrite, SessionGrant Grant)> ResolveAsync(
        UserContext user, string sql, SessionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var taken = grant.Relations.Select(r => r.Name).Concat(grant.Denied?.Select(d => d.Name) ?? []).ToHashSet();
        var rewrite = SnapshotReferences.Rewrite(parser, sql, taken.Contains);
        if (rewrite.References.Count == 0)
            return (rewrite, grant);
        var added = new List<ReadableRelation>();
        foreach (var reference in rewrite.References)
            added.Add(await ResolveAsync(user, sql, grant, reference, cancellationToken));
        return (rewrite, grant with { Relations = [.. grant.Relations, .. added] });
    }

    private async Task<ReadableRelation> ResolveAsync(
        UserContext user, string sql, SessionGrant grant, SnapshotReference reference, CancellationToken cancellationToken)
    {
        var product = reference.Product;
        var readable = grant.Relations.FirstOrDefault(r => r.Name == product);
        if (readable is null)
        {
            // The same answer as reading the product itself: the reason it is denied, or unknown when it cannot be seen.
            var denied = grant.Denied?.FirstOrDefault(d => d.Name == product);
            throw At(sql, reference.ProductOffset, denied is not null
                ? DeniedRelationScanner.Message(denied)
                : $"There is no data product {product} that you may read: check the name in the catalog.");
        }
        if (readable.Kind != RelationKind.Product)
            throw At(sql, reference.ProductOffset, $"{product} is a source, not a data product: only products have snapshots to travel to.");

        ProductHistory? history;
        try
        {
            history = await products.HistoryAsync(user, product, cancellationToken);
        }
        catch (AccessDeniedException e)
        {
            throw At(sql, reference.ProductOffset, $"Permission denied: you may not read {product}. {e.Message}");
        }
        if (history is null)
            throw At(sql, reference.ProductOffset, $"There is no data product {product} that you may read: check the name in the catalog.");
        if (history.Oldest is not { } oldest)
            throw At(sql, reference.PointOffset, $"Product {product} has no data yet: its job has not committed a snapshot.");

        var kept = $"snapshots are kept for {Describe(retention)}";
        var chosen = reference.AsOf is { } at ? history.AsOf(at) : history.Back(reference.StepsBack ?? 0);
        if (chosen is null)
        {
            var oldestText = $"the oldest kept snapshot is from {SnapshotReference.FormatTime(oldest.CommittedAt)} UTC";
            throw At(sql, reference.PointOffset, reference.AsOf is { } time
                ? $"There is no snapshot of {product} at {SnapshotReference.FormatTime(time)} UTC: {oldestText}; {kept}."
                : string.Create(CultureInfo.InvariantCulture,
                    $"{product} has {history.Snapshots.Count} kept snapshot{(history.Snapshots.Count == 1 ? "" : "s")} (0 = current up to {history.Snapshots.Count - 1}), so {reference.Describe()} does not exist: {oldestText}; {kept}."));
        }
        if (!Directory.Exists(lake.ResolveLocation(chosen.Location)))
        {
            throw At(sql, reference.PointOffset,
                $"The snapshot of {product} committed at {SnapshotReference.FormatTime(chosen.CommittedAt)} UTC has expired and was deleted; {kept}.");
        }
        return readable with { Name = reference.Relation, Location = chosen.Location, SnapshotOf = product };
    }

    private static string Describe(TimeSpan span) => span.TotalMinutes switch
    {
        1 => "1 minute",
        var m when m == Math.Floor(m) => string.Create(CultureInfo.InvariantCulture, $"{m} minutes"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} seconds"),
    };

    private static SqlException At(string sql, int offset, string message) => new(SqlError.At(message, sql, offset));
}
