using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Privacy;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>
/// Follows a product column upstream: through the query of the job writing the product to the columns it reads, and
/// from a column of another product on through that product's job, down to the sources. A column is personal when
/// it carries, unmasked, a column that is flagged personal itself (ADR 22).
/// </summary>
internal sealed class ColumnTracer(MeshModel model)
{
    /// <summary>Every upstream column (all of them, visible or not), nearest first, each once with its fewest hops.</summary>
    public IReadOnlyList<UpstreamColumn> Trace(QualifiedName product, string column) =>
        Trace(OutputOf(product, column)?.Sources ?? []);

    /// <summary>
    /// Every upstream column of an output computed from <paramref name="sources"/> (a query not deployed as a job yet),
    /// nearest first.
    /// </summary>
    public IReadOnlyList<UpstreamColumn> Trace(IReadOnlyList<SourceColumn> sources)
    {
        var found = new Dictionary<(string Node, string Column), UpstreamColumn>();
        var pending = new Queue<(IReadOnlyList<SourceColumn> Sources, int Hops, bool Masked)>([(sources, 0, false)]);
        while (pending.TryDequeue(out var at))
        {
            foreach (var source in at.Sources)
            {
                if (model.Resolve(source.Relation) is not { } element)
                    continue;
                var masked = at.Masked || source.Masked;
                var schema = element.Columns.FirstOrDefault(c => string.Equals(c.Name, source.Column, StringComparison.OrdinalIgnoreCase));
                var name = schema?.Name ?? source.Column;
                var key = (element.Id, name);
                if (found.TryGetValue(key, out var seen))
                {
                    // Reached again: it stays masked only if every path masks it.
                    if (seen.Masked && !masked)
                    {
                        found[key] = seen with { Masked = false };
                        if (element.Kind == LineageNodeKind.Product)
                            pending.Enqueue((OutputOf(element.Name, name)?.Sources ?? [], seen.Hops, false));
                    }
                    continue;
                }
                found[key] = new UpstreamColumn(element.Id, element.Name, name, at.Hops + 1, masked, PersonalKind(element, schema, name));
                if (element.Kind == LineageNodeKind.Product)
                    pending.Enqueue((OutputOf(element.Name, name)?.Sources ?? [], at.Hops + 1, masked));
            }
        }
        return found.Values.OrderBy(c => c.Hops).ThenBy(c => c.Node, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal).ToList();
    }

    private OutputColumn? OutputOf(QualifiedName product, string column) =>
        model.OutputsOf(product).FirstOrDefault(o => string.Equals(o.Name, column, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A column's own flag: a product's from the classification of its values; a source's as declared, else from its
    /// name (a source is not sampled).
    /// </summary>
    private static PiiKind? PersonalKind(MeshElement element, ColumnSchema? schema, string name) =>
        element.Kind == LineageNodeKind.Source ? schema?.Pii ?? PiiDetector.Detect(name, []) : schema?.Pii;
}
