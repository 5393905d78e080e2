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
    public IReadOnlyList<UpstreamColumn> Trace(QualifiedName product, string column)
    {
        var found = new Dictionary<(string Node, string Column), UpstreamColumn>();
        var pending = new Queue<(QualifiedName Product, string Column, int Hops, bool Masked)>([(product, column, 0, false)]);
        while (pending.TryDequeue(out var at))
        {
            var output = model.OutputsOf(at.Product).FirstOrDefault(o => string.Equals(o.Name, at.Column, StringComparison.OrdinalIgnoreCase));
            foreach (var source in output?.Sources ?? [])
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
                            pending.Enqueue((element.Name, name, seen.Hops, false));
                    }
                    continue;
                }
                found[key] = new UpstreamColumn(element.Id, element.Name, name, at.Hops + 1, masked, PersonalKind(element, schema, name));
                if (element.Kind == LineageNodeKind.Product)
                    pending.Enqueue((element.Name, name, at.Hops + 1, masked));
            }
        }
        return found.Values.OrderBy(c => c.Hops).ThenBy(c => c.Node, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A column's own flag: a product's from the classification of its values; a source's as declared, else from its
    /// name (a source is not sampled).
    /// </summary>
    private static PiiKind? PersonalKind(MeshElement element, ColumnSchema? schema, string name) =>
        element.Kind == LineageNodeKind.Source ? schema?.Pii ?? PiiDetector.Detect(name, []) : schema?.Pii;
}
