using MeshStudio.Application.Lineage;

namespace MeshStudio.Web.Features.Lineage;

/// <summary>
/// Where each node goes: one column per depth, left to right; in a column, nodes follow the average row of their
/// inputs (fewer crossings), then domain and name, so the same graph is always drawn the same way.
/// </summary>
public static class LineageLayout
{
    public const int NodeWidth = 240;
    public const int NodeHeight = 84;
    private const int ColumnGap = 84;
    private const int RowGap = 22;
    private const int Margin = 16;

    public static IReadOnlyDictionary<string, (double X, double Y)> Place(LineageGraph graph, out double width, out double height)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var inputs = graph.Edges.ToLookup(e => e.To, e => e.From, StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = graph.Nodes.GroupBy(n => n.Depth).OrderBy(g => g.Key).ToList();
        foreach (var column in columns)
        {
            var ordered = column
                .OrderBy(n => inputs[n.Id].Where(rows.ContainsKey).Select(i => (double?)rows[i]).Average() ?? double.MaxValue)
                .ThenBy(n => n.Name.Domain, StringComparer.Ordinal).ThenBy(n => n.Kind).ThenBy(n => n.Name.Name, StringComparer.Ordinal)
                .ToList();
            for (var row = 0; row < ordered.Count; row++)
                rows[ordered[row].Id] = row;
        }
        var tallest = columns.Select(c => c.Count()).DefaultIfEmpty(0).Max();
        width = (2 * Margin) + (columns.Count * (NodeWidth + ColumnGap)) - ColumnGap;
        height = (2 * Margin) + (tallest * (NodeHeight + RowGap)) - RowGap;
        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var (column, index) in columns.Select((c, i) => (c, i)))
        {
            // A shorter column is centred against the tallest one.
            var offset = (tallest - column.Count()) * (NodeHeight + RowGap) / 2.0;
            foreach (var node in column)
                positions[node.Id] = (Margin + (index * (NodeWidth + ColumnGap)), Margin + offset + (rows[node.Id] * (NodeHeight + RowGap)));
        }
        return positions;
    }
}
