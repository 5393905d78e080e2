using System.Text.RegularExpressions;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// Completion for the Studio editor: after <c>domain.</c> the relations of that domain; after <c>relation.</c>
/// or an alias of it, its columns; otherwise domains, relations, the columns of relations already named in
/// the statement, keywords and functions.
/// </summary>
public static partial class SqlCompletion
{
    public static readonly string[] Keywords =
    [
        "SELECT", "FROM", "WHERE", "GROUP BY", "GROUP BY ALL", "ORDER BY", "HAVING", "LIMIT", "JOIN", "LEFT JOIN", "ON", "AS",
        "AND", "OR", "NOT", "IN", "IS NULL", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "WITH", "UNION ALL",
        "CREATE JOB", "CREATE SOURCE", "INSERT INTO", "KEY", "QUALIFY", "JOIN LATEST", "LEFT JOIN LATEST", "LATEST", "OVER", "PARTITION BY", "DESC", "ASC",
    ];

    public static readonly string[] Functions =
    [
        "count", "sum", "avg", "min", "max", "any_value", "round", "coalesce", "nullif", "date_trunc", "date_part",
        "strftime", "now", "lower", "upper", "trim", "replace", "concat", "length", "regexp_matches", "sha256", "md5",
        "row_number", "rank", "lag", "lead", "approx_count_distinct", "median", "quantile_cont", "epoch_ms", "time_bucket",
        "TUMBLE", "HOP", "SESSION",
    ];

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex DottedPrefix();

    [GeneratedRegex(@"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*))?", RegexOptions.IgnoreCase)]
    private static partial Regex RelationReference();

    /// <param name="text">The whole editor text: aliases may be defined after the cursor.</param>
    /// <param name="cursor">The cursor's offset in <paramref name="text"/>.</param>
    /// <param name="schema">What the user may read.</param>
    public static IReadOnlyList<CompletionItem> Complete(string text, int cursor, IReadOnlyList<SchemaEntry> schema)
    {
        var dotted = DottedPrefix().Match(text[..Math.Clamp(cursor, 0, text.Length)]);
        if (dotted.Success)
            return AfterDot(dotted.Groups[1].Value, text, schema);

        var items = new List<CompletionItem>();
        items.AddRange(schema.Select(e => e.Name.Domain).Distinct().Select(d => new CompletionItem(d, "Module", d, "domain")));
        items.AddRange(schema.Select(e => new CompletionItem(e.Name.ToString(), "Class", e.Name.ToString(), e.Kind, e.Description)));
        foreach (var entry in Referenced(text, schema).Select(r => r.Entry).Distinct())
            items.AddRange(entry.Columns.Select(c => Column(c, entry)));
        items.AddRange(Keywords.Select(k => new CompletionItem(k, "Keyword", k, "keyword")));
        items.AddRange(Functions.Select(f => new CompletionItem(f, "Function", f + "(", "function")));
        return items;
    }

    private static List<CompletionItem> AfterDot(string qualifier, string text, IReadOnlyList<SchemaEntry> schema)
    {
        var inDomain = schema.Where(e => e.Name.Domain.Equals(qualifier, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inDomain.Count > 0)
            return inDomain.Select(e => new CompletionItem(e.Name.Name, "Class", e.Name.Name, $"{e.Kind} · {e.Columns.Count} columns", e.Description)).ToList();
        var aliased = Referenced(text, schema).FirstOrDefault(r => r.Alias?.Equals(qualifier, StringComparison.OrdinalIgnoreCase) == true
                                                                   || r.Entry.Name.Name.Equals(qualifier, StringComparison.OrdinalIgnoreCase));
        return aliased.Entry is null ? [] : aliased.Entry.Columns.Select(c => Column(c, aliased.Entry)).ToList();
    }

    private static IEnumerable<(SchemaEntry Entry, string? Alias)> Referenced(string text, IReadOnlyList<SchemaEntry> schema)
    {
        foreach (Match match in RelationReference().Matches(text))
        {
            var entry = schema.FirstOrDefault(e => e.Name.Domain.Equals(match.Groups[1].Value, StringComparison.OrdinalIgnoreCase)
                                                   && e.Name.Name.Equals(match.Groups[2].Value, StringComparison.OrdinalIgnoreCase));
            if (entry is null)
                continue;
            var alias = match.Groups[3].Success && !IsKeyword(match.Groups[3].Value) ? match.Groups[3].Value : null;
            yield return (entry, alias);
        }
    }

    private static bool IsKeyword(string word) =>
        Keywords.Any(k => k.Split(' ')[0].Equals(word, StringComparison.OrdinalIgnoreCase))
        || word.Equals("LEFT", StringComparison.OrdinalIgnoreCase) || word.Equals("INNER", StringComparison.OrdinalIgnoreCase);

    private static CompletionItem Column(Products.ColumnSchema column, SchemaEntry entry) =>
        new(column.Name, "Field", column.Name, $"{column.Type} · {entry.Name}",
            column.Pii is null ? column.Description : $"{column.Description} Personal data: {column.Pii}.".Trim());
}
