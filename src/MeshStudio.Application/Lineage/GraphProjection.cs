namespace MeshStudio.Application.Lineage;

/// <summary>
/// The part of the mesh a user may see. A node they may not see is left out without a trace of its name: the
/// nodes it connects are linked directly, and a node whose data partly starts at hidden things says only that.
/// </summary>
internal static class GraphProjection
{
    /// <param name="around">Null for the whole mesh; else a node id: only what it is made from and what is made from it.</param>
    public static LineageGraph Project(MeshModel model, Func<MeshElement, bool> visible, string? around)
    {
        var shown = model.Elements.Where(visible).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var inputs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var withHidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in shown)
            inputs[id] = VisibleInputs(model, id, shown, withHidden);
        if (around is not null)
            shown = Around(around, inputs);

        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = shown
            .Select(id => model[id].ToNode(Depth(id, inputs, shown, depths, []), withHidden.Contains(id)))
            .OrderBy(n => n.Depth).ThenBy(n => n.Name.Domain, StringComparer.Ordinal).ThenBy(n => n.Kind).ThenBy(n => n.Name.Name, StringComparer.Ordinal)
            .ToList();
        var edges = nodes
            .SelectMany(n => inputs[n.Id].Where(shown.Contains).Order(StringComparer.Ordinal).Select(from => new LineageEdge(from, n.Id)))
            .ToList();
        return new LineageGraph(nodes, edges);
    }

    /// <summary>The shown nodes whose data reaches <paramref name="id"/>, looking through the hidden ones between.</summary>
    private static List<string> VisibleInputs(MeshModel model, string id, HashSet<string> shown, HashSet<string> withHidden)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(model.InputsOf(id));
        while (pending.TryPop(out var input))
        {
            if (!seen.Add(input))
                continue;
            if (shown.Contains(input))
            {
                found.Add(input);
                continue;
            }
            // Data that starts at something hidden (a source, or a product made only from hidden things) is a hidden
            // input; a hidden job between two shown nodes is not: the shown nodes are linked directly.
            if (model.InputsOf(input).Count == 0)
                withHidden.Add(id);
            foreach (var next in model.InputsOf(input))
                pending.Push(next);
        }
        return found;
    }

    private static HashSet<string> Around(string id, Dictionary<string, List<string>> inputs)
    {
        var outputs = inputs.SelectMany(p => p.Value.Select(i => (From: i, To: p.Key))).ToLookup(e => e.From, e => e.To, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!inputs.ContainsKey(id))
            return result;
        Collect(id, n => inputs[n], result);
        result.Remove(id);
        Collect(id, n => outputs[n], result);
        return result;
    }

    private static void Collect(string start, Func<string, IEnumerable<string>> next, HashSet<string> into)
    {
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var id))
        {
            if (into.Add(id))
            {
                foreach (var n in next(id))
                    pending.Push(n);
            }
        }
    }

    /// <summary>The longest path from a node without shown inputs; a cycle (a job reading its own product) is cut.</summary>
    private static int Depth(string id, Dictionary<string, List<string>> inputs, HashSet<string> shown, Dictionary<string, int> depths, HashSet<string> onPath)
    {
        if (depths.TryGetValue(id, out var known))
            return known;
        if (!onPath.Add(id))
            return 0;
        var depth = inputs[id].Where(shown.Contains).Select(i => Depth(i, inputs, shown, depths, onPath) + 1).DefaultIfEmpty(0).Max();
        onPath.Remove(id);
        depths[id] = depth;
        return depth;
    }
}
