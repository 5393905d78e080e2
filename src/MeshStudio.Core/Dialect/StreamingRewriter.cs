using System.Globalization;
using System.Text;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// Rewrites the window table functions of the dialect — <c>TUMBLE(src, time_col, size)</c>,
/// <c>HOP(src, time_col, slide, size)</c> and <c>SESSION(src, time_col, gap [, key_col])</c> — into plain DuckDB
/// subqueries that add <c>window_start</c> and <c>window_end</c> to every row of <c>src</c> (batch semantics over
/// all input). Windows are aligned to the Unix epoch; rows whose time is NULL belong to no window. Every window is
/// half-open, <c>[window_start, window_end)</c>, as in Flink and Spark: a row exactly at a window's end belongs to the
/// next window, and a session ends at its last row + gap, so a pause of exactly the gap starts a new session.
/// It also rewrites <c>[LEFT] JOIN LATEST rel [AS] alias ON cond</c> into a join against the latest row per key of
/// <c>rel</c> (see <see cref="LatestJoin"/>). Strings, comments and quoted identifiers are never rewritten.
/// </summary>
public static class StreamingRewriter
{
    private const string Example = "e.g. INTERVAL '5 minutes'";

    /// <summary>Throws <see cref="SqlException"/> at the offending argument for a malformed window call or JOIN LATEST.</summary>
    /// <param name="sql">The user's query.</param>
    /// <param name="eventTimeOf">
    /// The event-time column of a relation named in <c>JOIN LATEST</c> (e.g. a source's declared <c>event_time</c>), or
    /// null when it has none: then the latest row per key is the last one in the relation's read order.
    /// </param>
    public static StreamingRewrite Rewrite(string sql, Func<string, string?>? eventTimeOf = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = SqlTokenizer.Tokenize(sql);
        if (!tokens.Any(t => IsWindowFunction(t) || t.Is("LATEST")))
            return new StreamingRewrite(sql, sql, []);
        var spans = new List<RewrittenSpan>();
        var output = new StringBuilder();
        var copiedUpTo = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (LatestJoin.IsAt(tokens, i))
            {
                var (end, latest) = LatestJoin.Rewrite(sql, tokens, i, eventTimeOf);
                output.Append(sql, copiedUpTo, tokens[i].Offset - copiedUpTo);
                spans.Add(new RewrittenSpan(tokens[i].Offset, tokens[end].End, output.Length, output.Length + latest.Length));
                output.Append(latest);
                copiedUpTo = tokens[end].End;
                i = end;
                continue;
            }
            if (!IsWindowCall(tokens, i))
                continue;
            var close = Close(tokens, i + 1);
            if (close < 0)
                throw Error(sql, tokens[i].Offset, $"{tokens[i].Text.ToUpperInvariant()}( is missing its closing parenthesis.");
            output.Append(sql, copiedUpTo, tokens[i].Offset - copiedUpTo);
            var replacement = RewriteCall(sql, tokens, i, close, eventTimeOf);
            spans.Add(new RewrittenSpan(tokens[i].Offset, tokens[close].End, output.Length, output.Length + replacement.Length));
            output.Append(replacement);
            copiedUpTo = tokens[close].End;
            i = close;
        }
        if (spans.Count == 0)
            return new StreamingRewrite(sql, sql, []);
        output.Append(sql, copiedUpTo, sql.Length - copiedUpTo);
        return new StreamingRewrite(output.ToString(), sql, spans);
    }

    private static bool IsWindowFunction(SqlToken token) => token.Is("TUMBLE") || token.Is("HOP") || token.Is("SESSION");

    private static bool IsWindowCall(IReadOnlyList<SqlToken> tokens, int i) => TokenGroups.IsCall(tokens, i, IsWindowFunction);

    private static int Close(IReadOnlyList<SqlToken> tokens, int open) => TokenGroups.Close(tokens, open);

    /// <summary>The replacement for the call from <paramref name="name"/> to its closing parenthesis <paramref name="close"/>.</summary>
    private static string RewriteCall(string sql, IReadOnlyList<SqlToken> tokens, int name, int close, Func<string, string?>? eventTimeOf)
    {
        var function = tokens[name].Text.ToUpperInvariant();
        var args = Arguments(tokens, name + 2, close);
        var (minArgs, maxArgs, usage) = function switch
        {
            "TUMBLE" => (3, 3, "TUMBLE(src, time_col, size)"),
            "HOP" => (4, 4, "HOP(src, time_col, slide, size)"),
            _ => (3, 4, "SESSION(src, time_col, gap [, key_col])"),
        };
        if (args.Count > maxArgs)
            throw Error(sql, args[maxArgs].Start, $"{function} takes at most {maxArgs} arguments: {usage}.");
        if (args.Count < minArgs)
            throw Error(sql, tokens[close].Offset, $"{function} takes {(minArgs == maxArgs ? "" : "at least ")}{minArgs} arguments: {usage}.");
        foreach (var arg in args.Where(a => a.Count == 0))
            throw Error(sql, arg.Start, $"Missing argument in {usage}.");

        var source = Source(sql, tokens, args[0], function, eventTimeOf);
        var time = Column(sql, tokens, args[1], "the time column", function);
        string body;
        if (function == "TUMBLE")
        {
            var size = Interval(sql, tokens, args[2], "window size");
            body = $"SELECT *, window_start + to_microseconds({size}) AS window_end FROM (SELECT *, {time} - to_microseconds({Offset(time, size)}) AS window_start " +
                   $"FROM {source} AS __mesh_src WHERE {time} IS NOT NULL)";
        }
        else if (function == "HOP")
        {
            var slide = Interval(sql, tokens, args[2], "slide");
            var size = Interval(sql, tokens, args[3], "window size");
            if (size % slide != 0)
            {
                throw Error(sql, args[3].Start,
                    $"The HOP window size ({Describe(size)}) must be a multiple of the slide ({Describe(slide)}); HOP takes the slide first, then the size.");
            }
            body = $"SELECT * EXCLUDE (__mesh_k), window_start + to_microseconds({size}) AS window_end FROM (SELECT *, " +
                   $"{time} - to_microseconds({Offset(time, slide)} + __mesh_k * {slide}) AS window_start " +
                   $"FROM {source} AS __mesh_src CROSS JOIN range({size / slide}) AS __mesh_hop(__mesh_k) WHERE {time} IS NOT NULL)";
        }
        else
        {
            var gap = Interval(sql, tokens, args[2], "session gap");
            var key = args.Count == 4 ? Column(sql, tokens, args[3], "the partition column", function) : null;
            var partition = key is null ? "" : $"PARTITION BY {key} ";
            var session = key is null ? "PARTITION BY __mesh_session" : $"PARTITION BY {key}, __mesh_session";
            body = $"SELECT * EXCLUDE (__mesh_new, __mesh_session), min({time}) OVER ({session}) AS window_start, " +
                   $"max({time}) OVER ({session}) + to_microseconds({gap}) AS window_end " +
                   $"FROM (SELECT *, sum(__mesh_new) OVER ({partition}ORDER BY {time} ROWS UNBOUNDED PRECEDING) AS __mesh_session " +
                   $"FROM (SELECT *, CASE WHEN epoch_us({time}) - epoch_us(lag({time}) OVER ({partition}ORDER BY {time})) < {gap} THEN 0 ELSE 1 END AS __mesh_new " +
                   $"FROM {source} AS __mesh_src WHERE {time} IS NOT NULL))";
        }
        return $"({body})";
    }

    /// <summary>Microseconds of <paramref name="time"/> past the last epoch-aligned multiple of <paramref name="width"/>.</summary>
    private static string Offset(string time, long width) => $"((epoch_us({time}) % {width}) + {width}) % {width}";

    private readonly record struct Argument(int From, int To, int Start)
    {
        public int Count => To - From;
    }

    /// <summary>Top-level comma-separated token ranges between <paramref name="from"/> and <paramref name="close"/>.</summary>
    private static List<Argument> Arguments(IReadOnlyList<SqlToken> tokens, int from, int close) =>
        from == close
            ? []
            : TokenGroups.Arguments(tokens, from, close).Select(a => new Argument(a.From, a.To, tokens[a.From == a.To ? a.To : a.From].Offset)).ToList();

    /// <summary>A relation name (<c>domain.name</c>) or a parenthesised subquery, itself rewritten.</summary>
    private static string Source(string sql, IReadOnlyList<SqlToken> tokens, Argument arg, string function, Func<string, string?>? eventTimeOf)
    {
        var first = tokens[arg.From];
        var last = tokens[arg.To - 1];
        if (first.IsSymbol('(') && last.IsSymbol(')') && Close(tokens, arg.From) == arg.To - 1)
        {
            var inner = sql[first.Offset..last.End];
            try
            {
                return Rewrite(inner, eventTimeOf).Sql;
            }
            catch (SqlException e) when (e.Error is { Line: not null, Column: not null })
            {
                var shifted = SqlPositions.Shift(e.Error, sql, first.Offset);
                throw new SqlException(shifted);
            }
        }
        var isName = arg.Count % 2 == 1;
        for (var j = arg.From; j < arg.To && isName; j++)
            isName = (j - arg.From) % 2 == 0 ? tokens[j].IsIdentifier : tokens[j].IsSymbol('.');
        if (!isName)
            throw Error(sql, first.Offset, $"The first argument of {function} must be a relation such as sales.orders or a parenthesised subquery.");
        return sql[first.Offset..last.End];
    }

    private static string Column(string sql, IReadOnlyList<SqlToken> tokens, Argument arg, string what, string function)
    {
        if (arg.Count != 1 || !tokens[arg.From].IsIdentifier)
            throw Error(sql, tokens[arg.From].Offset, $"{function} expects {what} as a column name of the source.");
        return tokens[arg.From].Text;
    }

    /// <summary>The interval in microseconds: <c>INTERVAL '5 minutes'</c>, <c>INTERVAL '1 hour 30 minutes'</c>, <c>INTERVAL 5 MINUTE</c>, <c>INTERVAL '5' MINUTE</c>.</summary>
    private static long Interval(string sql, IReadOnlyList<SqlToken> tokens, Argument arg, string what)
    {
        var at = tokens[arg.From].Offset;
        var parts = tokens.Skip(arg.From).Take(arg.Count).ToList();
        if (!parts[0].Is("INTERVAL") || parts.Count is < 2 or > 3)
            throw Error(sql, at, $"The {what} must be an interval, {Example}.");
        decimal micros;
        if (parts.Count == 3)
        {
            if (parts[1].Kind is not (SqlTokenKind.Number or SqlTokenKind.String) || parts[2].Kind != SqlTokenKind.Word
                || !decimal.TryParse(parts[1].Value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                throw Error(sql, at, $"The {what} must be an interval, {Example}.");
            }
            micros = amount * Unit(sql, at, parts[2].Value, what);
        }
        else
        {
            if (parts[1].Kind != SqlTokenKind.String)
                throw Error(sql, at, $"The {what} must be an interval, {Example}.");
            var words = parts[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words.Length % 2 != 0)
                throw Error(sql, at, $"The {what} '{parts[1].Value}' is not an interval such as '5 minutes'.");
            micros = 0;
            for (var w = 0; w < words.Length; w += 2)
            {
                if (!decimal.TryParse(words[w], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                    throw Error(sql, at, $"The {what} '{parts[1].Value}' is not an interval such as '5 minutes'.");
                micros += amount * Unit(sql, at, words[w + 1], what);
            }
        }
        if (micros <= 0 || micros != decimal.Truncate(micros))
            throw Error(sql, at, $"The {what} must be a positive whole number of microseconds, {Example}.");
        return (long)micros;
    }

    private static long Unit(string sql, int at, string unit, string what) => unit.ToLowerInvariant() switch
    {
        "us" or "usec" or "usecs" or "microsecond" or "microseconds" => 1,
        "ms" or "msec" or "msecs" or "millisecond" or "milliseconds" => 1_000,
        "s" or "sec" or "secs" or "second" or "seconds" => 1_000_000,
        "m" or "min" or "mins" or "minute" or "minutes" => 60_000_000,
        "h" or "hr" or "hrs" or "hour" or "hours" => 3_600_000_000,
        "d" or "day" or "days" => 86_400_000_000,
        "w" or "week" or "weeks" => 604_800_000_000,
        "mon" or "mons" or "month" or "months" or "y" or "year" or "years" or "quarter" or "quarters" =>
            throw Error(sql, at, $"The {what} must have a fixed length: use weeks, days, hours, minutes, seconds or milliseconds, not {unit}."),
        _ => throw Error(sql, at, $"Unknown interval unit '{unit}' in the {what}, {Example}."),
    };

    private static string Describe(long micros) => micros switch
    {
        _ when micros % 86_400_000_000 == 0 => Plural(micros / 86_400_000_000, "day"),
        _ when micros % 3_600_000_000 == 0 => Plural(micros / 3_600_000_000, "hour"),
        _ when micros % 60_000_000 == 0 => Plural(micros / 60_000_000, "minute"),
        _ when micros % 1_000_000 == 0 => Plural(micros / 1_000_000, "second"),
        _ when micros % 1_000 == 0 => Plural(micros / 1_000, "millisecond"),
        _ => Plural(micros, "microsecond"),
    };

    private static string Plural(long amount, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount} {unit}{(amount == 1 ? "" : "s")}");

    private static SqlException Error(string sql, int offset, string message) => new(SqlError.At(message, sql, offset));
}

/// <summary>A replaced window call: its range in the user's text and the range of its replacement.</summary>
public sealed record RewrittenSpan(int OriginalStart, int OriginalEnd, int RewrittenStart, int RewrittenEnd);

/// <summary>The SQL to run and how to map positions in it back to the user's text.</summary>
public sealed record StreamingRewrite(string Sql, string OriginalSql, IReadOnlyList<RewrittenSpan> Spans)
{
    public bool Changed => Spans.Count > 0;

    /// <summary>
    /// The offset in the user's text for <paramref name="rewrittenOffset"/>: outside the replaced calls shifted by
    /// the length difference so far, inside one the start of the call.
    /// </summary>
    public int MapOffset(int rewrittenOffset)
    {
        var shift = 0;
        foreach (var span in Spans)
        {
            if (rewrittenOffset < span.RewrittenStart)
                break;
            if (rewrittenOffset < span.RewrittenEnd)
                return span.OriginalStart;
            shift = span.OriginalEnd - span.RewrittenEnd;
        }
        return Math.Clamp(rewrittenOffset + shift, 0, OriginalSql.Length);
    }

    /// <summary>An error positioned in <see cref="Sql"/>, positioned in <see cref="OriginalSql"/>.</summary>
    public SqlError MapError(SqlError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!Changed || error.Line is not { } line || error.Column is not { } column)
            return error;
        var offset = 0;
        for (var l = 1; l < line && offset < Sql.Length; l++)
        {
            var newline = Sql.IndexOf('\n', offset);
            if (newline < 0)
                break;
            offset = newline + 1;
        }
        var (mappedLine, mappedColumn) = SqlError.PositionOf(OriginalSql, MapOffset(Math.Min(Sql.Length, offset + column - 1)));
        return error with { Line = mappedLine, Column = mappedColumn };
    }
}
