using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using MeshStudio.Core.Execution;

namespace MeshStudio.Engine.Sql;

/// <summary>
/// Turns DuckDB errors into <see cref="SqlError"/>s for the user: the "LINE n:" snippet and caret are
/// removed from the message and turned into a 1-based line and column of the user's SQL.
/// </summary>
public static partial class DuckDbErrorTranslator
{
    [GeneratedRegex(@"\n*LINE (?<line>\d+): (?<snippet>[^\n]*)\n(?<caret> *)\^[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex LineSnippet();

    [GeneratedRegex(@"Table with name (?<name>\S+?) does not exist", RegexOptions.CultureInvariant)]
    private static partial Regex MissingTable();

    /// <summary>
    /// Translates an error of <paramref name="executedSql"/>, in which the user's text starts at
    /// <paramref name="userOffset"/>, into an error positioned in <paramref name="userSql"/>.
    /// </summary>
    public static SqlError Translate(string message, string executedSql, string userSql, int userOffset, IReadOnlyList<DeniedRelation>? denied = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message;
        int? offset = null;
        var m = LineSnippet().Match(message);
        if (m.Success)
        {
            text = (message[..m.Index] + message[(m.Index + m.Length)..]).Trim();
            offset = OffsetOf(executedSql, m);
        }
        text = TrimDetails(text);

        int? userPosition = offset is { } o && o >= userOffset && o <= userOffset + userSql.Length ? o - userOffset : null;

        var missing = MissingTable().Match(text);
        if (missing.Success && denied is { Count: > 0 })
        {
            var name = missing.Groups["name"].Value.Trim('"');
            var relation = denied.FirstOrDefault(d => string.Equals(d.Name.Name, name, StringComparison.OrdinalIgnoreCase));
            if (relation is not null)
                text = DeniedRelationScanner.Message(relation);
        }

        return userPosition is { } p ? SqlError.At(text, userSql, p) : new SqlError(text);
    }

    public static SqlError Translate(DuckDBException exception, string executedSql, string userSql, int userOffset, IReadOnlyList<DeniedRelation>? denied = null) =>
        Translate(exception.Message, executedSql, userSql, userOffset, denied);

    public static bool IsOutOfMemory(DuckDBException exception) =>
        exception.Message.StartsWith("Out of Memory Error", StringComparison.OrdinalIgnoreCase);

    /// <summary>The 0-based offset in <paramref name="sql"/> the caret points at, when the snippet can be found there.</summary>
    private static int? OffsetOf(string sql, Match m)
    {
        var line = int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture);
        var snippet = m.Groups["snippet"].Value;
        var caretColumn = m.Groups["caret"].Value.Length - $"LINE {line}: ".Length;
        var lines = sql.Split('\n');
        if (line < 1 || line > lines.Length || caretColumn < 0)
            return null;
        var lineText = lines[line - 1].TrimEnd('\r');
        var lead = 0;
        if (snippet.StartsWith("...", StringComparison.Ordinal))
        {
            snippet = snippet[3..];
            lead = 3;
        }
        if (snippet.EndsWith("...", StringComparison.Ordinal) && !lineText.EndsWith(snippet, StringComparison.Ordinal))
            snippet = snippet[..^3];
        var start = snippet.Length == 0 ? 0 : lineText.IndexOf(snippet, StringComparison.Ordinal);
        if (start < 0)
            return null;
        var column = Math.Clamp(start + caretColumn - lead, 0, lineText.Length);
        var lineStart = 0;
        for (var i = 0; i < line - 1; i++)
            lineStart += lines[i].Length + 1;
        return lineStart + column;
    }

    /// <summary>Drops DuckDB's internal suggestions that name things the user cannot see.</summary>
    private static string TrimDetails(string text)
    {
        text = text.Trim();
        var didYouMean = text.IndexOf("\nDid you mean \"pg_catalog.", StringComparison.Ordinal);
        if (didYouMean >= 0)
            text = text[..didYouMean].Trim();
        return text;
    }
}
