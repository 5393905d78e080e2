using MeshStudio.Catalog.Lineage;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Engine;

namespace MeshStudio.Application.Lineage;

/// <summary>
/// Lineage as the asking user may see it (ADR 22): the mesh graph, a product's graph with where each of its columns
/// comes from, and which columns carry personal data. Products are seen as on the marketplace
/// (<see cref="AccessRules.CanSeeProduct"/>); jobs and sources are domain-internal, seen by those who may author in
/// the domain, like the job pages. What a user may not see is never named.
/// </summary>
public sealed class LineageService(LineageCatalog catalog, ISqlParser parser, LakeLayout lake)
{
    public async Task<LineageGraph> MeshAsync(UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var model = await ModelAsync(cancellationToken);
        return GraphProjection.Project(model, e => CanSee(user, e), around: null);
    }

    /// <summary>The product's lineage; null when there is no such product the user may see.</summary>
    public async Task<ProductLineage?> ProductAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var model = await ModelAsync(cancellationToken);
        var id = MeshElement.IdOf(LineageNodeKind.Product, product);
        if (model.Elements.FirstOrDefault(e => e.Id == id) is not { } element || !CanSee(user, element))
            return null;
        var tracer = new ColumnTracer(model);
        var columns = element.Columns.Select(c => Origins(model, tracer, element, c, e => CanSee(user, e))).ToList();
        return new ProductLineage(product, GraphProjection.Project(model, e => CanSee(user, e), id), columns);
    }

    /// <summary>
    /// <paramref name="columns"/> of <paramref name="product"/> with the personal-data flag each carries from upstream,
    /// for the job's commit: the review's check then blocks them like a column whose own values look personal.
    /// </summary>
    public async Task<IReadOnlyList<ColumnSchema>> WithPersonalDataAsync(
        QualifiedName product, IReadOnlyList<ColumnSchema> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        // Tracing needs no freshness: a commit does not scan every source's lake folder for it.
        var tracer = new ColumnTracer(await ModelAsync(cancellationToken, withFreshness: false));
        return columns
            .Select(c => c.Pii is null && PersonalUpstream(tracer.Trace(product, c.Name)).FirstOrDefault() is { Pii: var kind } ? c with { Pii = kind } : c)
            .ToList();
    }

    /// <summary>
    /// The output columns of <paramref name="query"/> (<c>*</c> expanded against the catalog) and the personal data
    /// each would carry through lineage, for the policies while typing and at deploy.
    /// </summary>
    public async Task<IReadOnlyList<QueryOutput>> OutputsOfAsync(QueryNode query, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(cancellationToken, withFreshness: false);
        var tracer = new ColumnTracer(model);
        return ColumnLineage.Of(query, relation => model.Resolve(relation)?.Columns.Select(c => c.Name).ToList())
            .Where(o => o.Name is not null)
            .Select(o =>
            {
                var upstream = tracer.Trace(o.Sources);
                return new QueryOutput(
                    o.Name!,
                    PersonalUpstream(upstream).FirstOrDefault()?.Pii,
                    upstream.FirstOrDefault(u => u.Pii is not null && u.Masked)?.Pii);
            })
            .ToList();
    }

    private static ColumnOrigins Origins(MeshModel model, ColumnTracer tracer, MeshElement product, ColumnSchema column, Func<MeshElement, bool> visible)
    {
        var upstream = tracer.Trace(product.Name, column.Name);
        var shown = upstream.Where(u => visible(model[u.Node])).ToList();
        var personal = PersonalUpstream(upstream).ToList();
        var kind = column.Pii ?? personal.FirstOrDefault()?.Pii;
        var data = kind is not { } k
            ? null
            : new PersonalData(
                k,
                personal.Where(u => visible(model[u.Node])).Select(u => $"{u.Relation}.{u.Column}").ToList(),
                personal.Any(u => !visible(model[u.Node])),
                column.Pii is not null);
        return new ColumnOrigins(column.Name, shown, shown.Count < upstream.Count, data);
    }

    private static IEnumerable<UpstreamColumn> PersonalUpstream(IReadOnlyList<UpstreamColumn> upstream) =>
        upstream.Where(u => u.Pii is not null && !u.Masked);

    private static bool CanSee(UserContext user, MeshElement element) => element.Kind switch
    {
        LineageNodeKind.Product => AccessRules.CanSeeProduct(user, element.Name.Domain, element.ProductStatus!.Value),
        // A job's definition names its sources: both are seen by those who see the domain's jobs.
        _ => AccessRules.CanAuthorIn(user, element.Name.Domain),
    };

    private async Task<MeshModel> ModelAsync(CancellationToken cancellationToken, bool withFreshness = true) =>
        MeshModel.Build(await catalog.ReadAsync(cancellationToken), parser, withFreshness ? NewestBatch : _ => null);

    /// <summary>A source's freshness: when its newest batch was stored in the lake.</summary>
    private DateTime? NewestBatch(QualifiedName source)
    {
        var folder = new DirectoryInfo(lake.SourceDirectory(source));
        return folder.Exists
            ? folder.EnumerateFiles(LakeLayout.SegmentPattern).Select(f => (DateTime?)f.LastWriteTimeUtc).Max()
            : null;
    }
}
