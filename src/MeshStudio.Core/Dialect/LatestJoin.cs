using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// <c>[LEFT] JOIN LATEST rel [AS] alias ON cond</c>: each left row joins the latest row per key of <c>rel</c> (batch
/// semantics over all input). The key is the columns of <c>rel</c> that <c>cond</c> equates to something; the latest
/// row per key is the one with the greatest event time (when <c>rel</c> has one), ties and relations without event
/// time resolved by the relation's read order (the last row read wins). <c>LATEST rel</c> becomes
/// <c>(SELECT … FROM rel QUALIFY row_number() OVER (PARTITION BY key ORDER BY … DESC) = 1) [AS] alias</c>.
/// Used by <see cref="StreamingRewriter"/>, which maps positions back to the user's text.
/// </summary>
public static class LatestJoin
{
    private static readonly string[] ConditionEnd =
    [
        "JOIN", "LEFT", "RIGHT", "INNER", "FULL", "CROSS", "NATURAL", "ASOF", "POSITIONAL", "ANTI", "SEMI", "WHERE", "GROUP",
        "HAVING", "QUALIFY", "WINDOW", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "USING", "WITH",
    ];

    private static readonly string[] Literals = ["TRUE", "FALSE", "NULL"];

    /// <summary>True when the token at <paramref name="i"/> is the <c>LATEST</c> of <c>JOIN LATEST</c>.</summary>
    public static bool IsAt(IReadOnlyList<SqlToken> tokens, int i)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens[i].Is("LATEST") && i > 0 && tokens[i - 1].Is("JOIN")
               && i + 1 < tokens.Count && (tokens[i + 1].IsIdentifier || tokens[i + 1].IsSymbol('('));
    }

    /// <summary>The relation names (as written) that <paramref name="sql"/> joins with <c>JOIN LATEST</c>.</summary>
    public static IReadOnlyList<string> Targets(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = SqlTokenizer.Tokenize(sql);
        var names = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (IsAt(tokens, i) && tokens[i + 1].IsIdentifier)
                names.Add(sql[tokens[i + 1].Offset..tokens[NameEnd(tokens, i + 1)].End]);
        }
        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The replacement of the tokens from <c>LATEST</c> at <paramref name="latest"/> to the end of the relation name
    /// (returned as the index of its last token); an alias is added when the user wrote none.
    /// </summary>
    internal static (int End, string Replacement) Rewrite(
        string sql, IReadOnlyList<SqlToken> tokens, int latest, Func<string, string?>? eventTimeOf)
    {
        if (!tokens[latest + 1].IsIdentifier)
            throw Error(sql, tokens[latest + 1].Offset, "JOIN LATEST takes a relation such as crm.customers, not a subquery.");
        var nameEnd = NameEnd(tokens, latest + 1);
        var name = sql[tokens[latest + 1].Offset..tokens[nameEnd].End];
        var shortName = tokens[nameEnd].Value;

        var j = nameEnd + 1;
        if (j < tokens.Count && tokens[j].Is("AS"))
            j++;
        string? alias = null;
        if (j < tokens.Count && tokens[j].IsIdentifier && !tokens[j].Is("ON"))
            alias = tokens[j++].Value;
        if (j >= tokens.Count || !tokens[j].Is("ON"))
        {
            var at = j < tokens.Count ? tokens[j].Offset : sql.Length;
            throw Error(sql, at, $"JOIN LATEST {name} needs an ON condition on its key, e.g. ON {alias ?? shortName}.customer_id = o.customer_id.");
        }
        var on = j;
        string[] names = alias is null ? [shortName] : [alias, shortName];
        var keys = Keys(tokens, on + 1, ConditionEndIndex(tokens, on + 1), names);
        if (keys.Count == 0)
        {
            throw Error(sql, tokens[on].Offset,
                $"JOIN LATEST needs an equality on the key of {name} in its ON condition, e.g. ON {alias ?? shortName}.customer_id = o.customer_id.");
        }
        var eventTime = eventTimeOf?.Invoke(name);
        var order = eventTime is { Length: > 0 } ? $"{Quote(eventTime)} DESC NULLS LAST, __mesh_seq DESC" : "__mesh_seq DESC";
        var body = $"(SELECT * EXCLUDE (__mesh_seq) FROM (SELECT *, row_number() OVER () AS __mesh_seq FROM {name}) " +
                   $"QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", keys)} ORDER BY {order}) = 1)";
        return (nameEnd, alias is null ? $"{body} AS {tokens[nameEnd].Text}" : body);
    }

    /// <summary>The index of the last token of the dotted name starting at <paramref name="start"/>.</summary>
    private static int NameEnd(IReadOnlyList<SqlToken> tokens, int start)
    {
        var end = start;
        while (end + 2 < tokens.Count && tokens[end + 1].IsSymbol('.') && tokens[end + 2].IsIdentifier)
            end += 2;
        return end;
    }

    /// <summary>The index just past the ON condition starting at <paramref name="from"/>.</summary>
    private static int ConditionEndIndex(IReadOnlyList<SqlToken> tokens, int from)
    {
        var depth = 0;
        for (var j = from; j < tokens.Count; j++)
        {
            var token = tokens[j];
            if (token.IsSymbol('('))
            {
                depth++;
            }
            else if (token.IsSymbol(')'))
            {
                if (--depth < 0)
                    return j;
            }
            else if (depth == 0 && (token.IsSymbol(';') || token.IsSymbol(',') || ConditionEnd.Any(token.Is)))
            {
                return j;
            }
        }
        return tokens.Count;
    }

    private readonly record struct ColumnRef(string? Qualifier, string Column);

    /// <summary>The columns of the right relation (named <paramref name="names"/>) that the condition equates to something.</summary>
    private static List<string> Keys(IReadOnlyList<SqlToken> tokens, int from, int to, string[] names)
    {
        var keys = new List<string>();
        for (var e = from; e < to; e++)
        {
            if (!IsEquals(tokens, e, from, to))
                continue;
            var left = LeftOperand(tokens, e, from);
            var right = RightOperand(tokens, e, to);
            if (left is null || right is null)
                continue;
            var key = KeyOf(left.Value, right.Value, names) ?? KeyOf(right.Value, left.Value, names);
            if (key is not null && !keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                keys.Add(key);
        }
        return keys;
    }

    /// <summary>The column of <paramref name="candidate"/> when it is the right relation's, given the other side.</summary>
    private static string? KeyOf(ColumnRef candidate, ColumnRef other, string[] names)
    {
        bool IsRight(string? qualifier) => qualifier is not null && names.Contains(qualifier, StringComparer.OrdinalIgnoreCase);
        if (IsRight(candidate.Qualifier))
            return candidate.Column;
        // An unqualified column is the right relation's when the other side names another relation.
        return candidate.Qualifier is null && other.Qualifier is not null && !IsRight(other.Qualifier) ? candidate.Column : null;
    }

    private static bool IsEquals(IReadOnlyList<SqlToken> tokens, int e, int from, int to) =>
        tokens[e].IsSymbol('=')
        && !(e > from && tokens[e - 1].End == tokens[e].Offset && (tokens[e - 1].IsSymbol('<') || tokens[e - 1].IsSymbol('>') || tokens[e - 1].IsSymbol('!') || tokens[e - 1].IsSymbol('=')))
        && !(e + 1 < to && tokens[e + 1].Offset == tokens[e].End && (tokens[e + 1].IsSymbol('=') || tokens[e + 1].IsSymbol('>')));

    /// <summary>A whole operand that is a column (<c>q.col</c> or <c>col</c>) ending just before <paramref name="e"/>.</summary>
    private static ColumnRef? LeftOperand(IReadOnlyList<SqlToken> tokens, int e, int from)
    {
        var col = e - 1;
        if (col < from || !IsColumn(tokens[col]))
            return null;
        var start = col;
        string? qualifier = null;
        if (col - 2 >= from && tokens[col - 1].IsSymbol('.') && tokens[col - 2].IsIdentifier)
        {
            qualifier = tokens[col - 2].Value;
            start = col - 2;
            while (start - 2 >= from && tokens[start - 1].IsSymbol('.') && tokens[start - 2].IsIdentifier)
                start -= 2;
        }
        return start == from || BoundsOperand(tokens[start - 1]) ? new ColumnRef(qualifier, tokens[col].Text) : null;
    }

    /// <summary>A whole operand that is a column (<c>q.col</c> or <c>col</c>) starting just after <paramref name="e"/>.</summary>
    private static ColumnRef? RightOperand(IReadOnlyList<SqlToken> tokens, int e, int to)
    {
        var end = e + 1;
        if (end >= to || !IsColumn(tokens[end]))
            return null;
        while (end + 2 < to && tokens[end + 1].IsSymbol('.') && tokens[end + 2].IsIdentifier)
            end += 2;
        if (end + 1 < to && !BoundsOperand(tokens[end + 1]))
            return null;
        var qualifier = end > e + 1 ? tokens[end - 2].Value : null;
        return new ColumnRef(qualifier, tokens[end].Text);
    }

    private static bool IsColumn(SqlToken token) =>
        token.IsIdentifier && !(token.Kind == SqlTokenKind.Word && Literals.Any(token.Is));

    private static bool BoundsOperand(SqlToken token) =>
        token.IsSymbol('(') || token.IsSymbol(')') || token.Is("AND") || token.Is("OR") || token.Is("NOT") || token.Is("ON");

    private static string Quote(string column) =>
        QualifiedName.IsValidIdentifier(column) ? column : SqlText.Identifier(column);

    private static SqlException Error(string sql, int offset, string message) => new(SqlError.At(message, sql, offset));
}
