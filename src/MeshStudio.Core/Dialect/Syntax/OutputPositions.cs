using System.Text.RegularExpressions;

namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// Where each output column of a query is named in its text: at its alias (<c>… AS name</c>, the last mention of the
/// name in the item), else where its expression starts. The names are those of the first SELECT of a set operation,
/// which names the output. A column from <c>*</c> (one of <c>outputNames</c> not named in the list) is placed at the star.
/// </summary>
public static class OutputPositions
{
    public static IReadOnlyDictionary<string, int> Of(QueryNode query, string sql, IEnumerable<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(outputNames);
        var select = FirstSelect(query);
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (select is null)
            return positions;
        var items = select.Columns;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Offset < 0)
                continue;
            if (item is StarExpression)
            {
                positions.TryAdd("*", item.Offset);
                continue;
            }
            var name = item.Alias ?? (item as ColumnExpression)?.Column;
            if (name is null)
                continue;
            var end = i + 1 < items.Count && items[i + 1].Offset > item.Offset ? items[i + 1].Offset : sql.Length;
            positions.TryAdd(name, LastMention(sql, name, item.Offset, end) ?? item.Offset);
        }
        if (positions.TryGetValue("*", out var star))
        {
            foreach (var name in outputNames)
                positions.TryAdd(name, star);
        }
        return positions;
    }

    private static SelectNode? FirstSelect(QueryNode query) => query switch
    {
        SelectNode select => select,
        SetOperationNode set => FirstSelect(set.Left),
        _ => null,
    };

    private static int? LastMention(string sql, string name, int start, int end)
    {
        var pattern = $"(?<![A-Za-z0-9_]){Regex.Escape(name)}(?![A-Za-z0-9_])";
        var found = Regex.Matches(sql[start..Math.Min(end, sql.Length)], pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return found.Count == 0 ? null : start + found[^1].Index;
    }
}
