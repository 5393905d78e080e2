namespace MeshStudio.Engine.Sql;

/// <summary>
/// A small DuckDB-flavoured tokenizer: skips comments (<c>--</c>, nested <c>/* */</c>), reads string
/// literals (<c>'..'</c>, <c>E'..'</c>, <c>$tag$..$tag$</c>) and quoted identifiers. Good enough to find
/// names and statement separators outside literals and comments; DuckDB's parser remains the authority.
/// </summary>
public static class SqlTokenizer
{
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '\'' || ((c is 'e' or 'E') && Peek(sql, i + 1) == '\''))
            {
                var start = i;
                var escapes = c != '\'';
                if (escapes)
                    i++;
                i = SkipQuoted(sql, i, '\'', escapes);
                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], start, i - start));
            }
            else if (c == '"')
            {
                var start = i;
                i = SkipQuoted(sql, i, '"', backslashEscapes: false);
                var closed = i - start >= 2 && sql[i - 1] == '"';
                var inner = sql[(start + 1)..(closed ? i - 1 : i)];
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, inner.Replace("\"\"", "\"", StringComparison.Ordinal), start, i - start));
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var start = i;
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], start, i - start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start, i - start));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '.'))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], start, i - start));
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), i, 1));
                i++;
            }
        }
        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Peek(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Peek(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                    return i;
            }
            else
            {
                i++;
            }
        }
        return i;
    }

    /// <summary>Skips a quoted run starting at the opening quote; returns the index after the closing quote.</summary>
    private static int SkipQuoted(string sql, int i, char quote, bool backslashEscapes)
    {
        i++;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    private static bool TryDollarTag(string sql, int i, out string tag)
    {
        var j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_'))
            j++;
        if (j < sql.Length && sql[j] == '$' && (j == i + 1 || !char.IsDigit(sql[i + 1])))
        {
            tag = sql[i..(j + 1)];
            return true;
        }
        tag = string.Empty;
        return false;
    }
}
