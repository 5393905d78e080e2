using System.Text.RegularExpressions;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// Completion for the Studio editor: after <c>domain.</c> the relations of that domain; after <c>relation.</c>
/// or an alias of it, its columns; otherwise domains, relations, the columns of relations already named in
/// the statement, keywords and functions. The relations named in the statement come from its syntax tree when it
/// parses, otherwise (text being typed) from its tokens; names in strings and comments are never relations.
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

    /// <param name="text">The whole editor text: aliases may be defined after the cursor.</param>
    /// <param name="cursor">The cursor's offset in <paramref name="text"/>.</param>
    /// <param name="schema">What the user may read.</param>
    /// <param name="parser">Parses the statement under the cursor; without one, relations are read from tokens.</param>
    public static IReadOnlyList<CompletionItem> Complete(string text, int cursor, IReadOnlyList<SchemaEntry> schema, ISqlParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        cursor = Math.Clamp(cursor, 0, text.Length);
        var referenced = Referenced(text, cursor, schema, parser).ToList();
        var dotted = DottedPrefix().Match(text[..cursor]);
        if (dotted.Success)
            return AfterDot(dotted.Groups[1].Value, referenced, schema);

        var items = new List<CompletionItem>();
        items.AddRange(schema.Select(e => e.Name.Domain).Distinct().Select(d => new CompletionItem(d, "Module", d, "domain")));
        items.AddRange(schema.Select(e => new CompletionItem(e.Name.ToString(), "Class", e.Name.ToString(), e.Kind, e.Description)));
        foreach (var entry in referenced.Select(r => r.Entry).Distinct())
            items.AddRange(entry.Columns.Select(c => Column(c, entry)));
        items.AddRange(Keywords.Select(k => new CompletionItem(k, "Keyword", k, "keyword")));
        items.AddRange(Functions.Select(f => new CompletionItem(f, "Function", f + "(", "function")));
        return items;
    }

    private static List<CompletionItem> AfterDot(string qualifier, List<(SchemaEntry Entry, string? Alias)> referenced, IReadOnlyList<SchemaEntry> schema)
    {
        var inDomain = schema.Where(e => e.Name.Domain.Equals(qualifier, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inDomain.Count > 0)
            return inDomain.Select(e => new CompletionItem(e.Name.Name, "Class", e.Name.Name, $"{e.Kind} · {e.Columns.Count} columns", e.Description)).ToList();
        var aliased = referenced.FirstOrDefault(r => r.Alias?.Equals(qualifier, StringComparison.OrdinalIgnoreCase) == true
                                                                   || r.Entry.Name.Name.Equals(qualifier, StringComparison.OrdinalIgnoreCase));
        return aliased.Entry is null ? [] : aliased.Entry.Columns.Select(c => Column(c, aliased.Entry)).ToList();
    }

    private static IEnumerable<(SchemaEntry Entry, string? Alias)> Referenced(string text, int cursor, IReadOnlyList<SchemaEntry> schema, ISqlParser? parser)
    {
        foreach (var (name, alias) in (parser is null ? null : FromTree(text, cursor, parser)) ?? FromTokens(text))
        {
            var entry = schema.FirstOrDefault(e => e.Name.ToString().Equals(name, StringComparison.OrdinalIgnoreCase));
            if (entry is not null)
                yield return (entry, alias);
        }
    }

    /// <summary>The relations the statement under the cursor reads, when it parses (a name stands in for the one being typed after a dot).</summary>
    private static IEnumerable<(string Name, string? Alias)>? FromTree(string text, int cursor, ISqlParser parser)
    {
        var script = MeshSqlParser.ParseScript(cursor > 0 && text[cursor - 1] == '.' ? text.Insert(cursor, "x") : text);
        var query = script.Statements.LastOrDefault(s => s.ScriptOffset <= cursor) switch
        {
            QueryStatement q => q.Sql,
            CreateJobStatement j => j.Query,
            AlterJobStatement a => a.Job.Query,
            _ => null,
        };
        return query is not null && parser.Parse(query).Query is { } tree ? QueryRelations.Of(tree).Select(r => (r.Name, r.Alias)) : null;
    }

    /// <summary><c>domain.name [[AS] alias]</c> in the tokens of text that does not parse yet.</summary>
    private static IEnumerable<(string Name, string? Alias)> FromTokens(string text)
    {
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlTokenizer.Tokenize(text);
        }
        catch (SqlException)
        {
            yield break; // an unterminated string or comment: nothing to complete there
        }
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsIdentifier || !tokens[i + 1].IsSymbol('.') || !tokens[i + 2].IsIdentifier
                || (i > 0 && tokens[i - 1].IsSymbol('.')) || (i + 3 < tokens.Count && tokens[i + 3].IsSymbol('.')))
            {
                continue;
            }
            var next = i + 3 < tokens.Count && tokens[i + 3].Is("AS") ? i + 4 : i + 3;
            var alias = next < tokens.Count && tokens[next].IsIdentifier && !IsKeyword(tokens[next].Value) ? tokens[next].Value : null;
            yield return ($"{tokens[i].Value}.{tokens[i + 2].Value}", alias);
        }
    }

    private static bool IsKeyword(string word) =>
        Keywords.Any(k => k.Split(' ')[0].Equals(word, StringComparison.OrdinalIgnoreCase))
        || word.Equals("LEFT", StringComparison.OrdinalIgnoreCase) || word.Equals("INNER", StringComparison.OrdinalIgnoreCase);

    private static CompletionItem Column(Products.ColumnSchema column, SchemaEntry entry) =>
        new(column.Name, "Field", column.Name, $"{column.Type} · {entry.Name}",
            column.Pii is null ? column.Description : $"{column.Description} Personal data: {column.Pii}.".Trim());
}
