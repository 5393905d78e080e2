using MeshStudio.Application.Lineage;

namespace MeshStudio.Web.Features.Lineage;

/// <summary>
/// Where each node goes: one column per depth, left to right, from the top. A node sits level with the average of its
/// inputs where it can (fewer, flatter crossings), ties broken by domain and name, so the same graph is always drawn the
/// same way.
/// </summary>
public static class LineageLayout
{
    public const int NodeWidth = 184;
    public const int NodeHeight = 92;
    private const int ColumnGap = 34;
    private const int RowGap = 18;
    private const int RowHeight = NodeHeight + RowGap;
    private const int Margin = 16;
    // Room on the left for the stub that marks hidden inputs of a node in the first column.
    private const int StubMargin = 52;

    public static IReadOnlyDictionary<string, (double X, double Y)> Place(LineageGraph graph, out double width, out double height)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var inputs = graph.Edges.ToLookup(e => e.To, e => e.From, StringComparer.Ordinal);
        var columns = graph.Nodes.GroupBy(n => n.Depth).OrderBy(g => g.Key)
            .Select(g => g.OrderBy(n => n.Name.Domain, StringComparer.Ordinal).ThenBy(n => n.Kind).ThenBy(n => n.Name.Name, StringComparer.Ordinal).ToList())
            .ToList();
        var marginLeft = graph.Nodes.Any(n => n.Depth == 0 && n.HasHiddenInputs) ? StubMargin : Margin;
        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var (column, index) in columns.Select((c, i) => (c, i)))
        {
            var x = marginLeft + (index * (NodeWidth + ColumnGap));
            var wanted = column
                .Select((n, row) => (Node: n, Y: inputs[n.Id].Where(positions.ContainsKey).Select(i => (double?)positions[i].Y).Average() ?? Margin + (row * RowHeight)))
                .OrderBy(w => w.Y);
            var next = (double)Margin;
            foreach (var (node, y) in wanted)
            {
                var placed = Math.Max(y, next);
                positions[node.Id] = (x, placed);
                next = placed + RowHeight;
            }
        }
        width = marginLeft + Margin + (columns.Count * (NodeWidth + ColumnGap)) - ColumnGap;
        height = positions.Values.Select(p => p.Y + NodeHeight + Margin).DefaultIfEmpty(0).Max();
        return positions;
    }
}
