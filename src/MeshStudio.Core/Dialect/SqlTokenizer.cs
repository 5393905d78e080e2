using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// A DuckDB-flavoured tokenizer: skips whitespace and comments (<c>--</c>, nested <c>/* */</c>), reads string
/// literals (<c>'..'</c>, <c>E'..'</c>, <c>$tag$..$tag$</c>), quoted identifiers, words, numbers and symbols.
/// Enough to find statement heads, names and separators; DuckDB's parser remains the authority on the rest.
/// </summary>
public static class SqlTokenizer
{
    /// <summary>Throws <see cref="SqlException"/> at the opening of an unterminated literal or comment.</summary>
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
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
                var escapes = c != '\'';
                i = SkipQuoted(sql, escapes ? i + 1 : i, '\'', escapes, "string literal");
                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], start));
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', backslashEscapes: false, "quoted identifier");
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, sql[start..i], start));
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                if (end < 0)
                    throw new SqlException(SqlError.At("Unterminated dollar-quoted string.", sql, start));
                i = end + tag.Length;
                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start));
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '.'))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], start));
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), start));
                i++;
            }
        }
        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static int SkipBlockComment(string sql, int start)
    {
        var depth = 0;
        var i = start;
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
        throw new SqlException(SqlError.At("Unterminated /* comment.", sql, start));
    }

    /// <summary>Skips a quoted run starting at the opening quote; returns the index after the closing quote.</summary>
    private static int SkipQuoted(string sql, int start, char quote, bool backslashEscapes, string what)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) != quote)
                    return i + 1;
                i++;
            }
            i++;
        }
        throw new SqlException(SqlError.At($"Unterminated {what}.", sql, start));
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
