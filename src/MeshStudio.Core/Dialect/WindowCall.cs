using System.Globalization;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// The replacement of one window table function call — <c>TUMBLE(src, time_col, size)</c>,
/// <c>HOP(src, time_col, slide, size)</c>, <c>SESSION(src, time_col, gap [, key_col])</c> — by a plain DuckDB subquery
/// that adds <c>window_start</c> and <c>window_end</c> to every row of <c>src</c> (batch semantics over all input).
/// Windows are aligned to the Unix epoch; rows whose time is NULL belong to no window. Every window is half-open,
/// <c>[window_start, window_end)</c>, as in Flink and Spark: a row exactly at a window's end belongs to the next window,
/// and a session ends at its last row + gap, so a pause of exactly the gap starts a new session. The arguments are read
/// from the syntax tree; errors point at the argument as written.
/// </summary>
internal static class WindowCall
{
    private const string Example = "e.g. INTERVAL '5 minutes'";

    private static (int Min, int Max, string Usage) Signature(string function) => function switch
    {
        "TUMBLE" => (3, 3, "TUMBLE(src, time_col, size)"),
        "HOP" => (4, 4, "HOP(src, time_col, slide, size)"),
        _ => (3, 4, "SESSION(src, time_col, gap [, key_col])"),
    };

    /// <summary>Throws for a call the parser cannot read or that has the wrong number of arguments.</summary>
    public static void CheckShape(string sql, ExtensionCall call)
    {
        if (call.Close < 0)
            throw Error(sql, call.Offset, $"{call.Name}( is missing its closing parenthesis.");
        var (min, max, usage) = Signature(call.Name);
        if (call.Arguments.Count > max)
            throw Error(sql, call.Arguments[max].Start, $"{call.Name} takes at most {max} arguments: {usage}.");
        if (call.Arguments.Count < min)
            throw Error(sql, call.Close, $"{call.Name} takes {(min == max ? "" : "at least ")}{min} arguments: {usage}.");
        foreach (var argument in call.Arguments.Where(a => a.IsEmpty))
            throw Error(sql, argument.Start, $"Missing argument in {usage}.");
    }

    /// <summary>The subquery replacing <paramref name="call"/>; a subquery source has the sites inside it spliced.</summary>
    public static string Replacement(string sql, FunctionExpression call, ExtensionCall written, TextSplice splice)
    {
        var function = written.Name;
        var args = call.Arguments;
        var at = written.Arguments;
        if (args.Count != at.Count)
            throw Error(sql, written.Offset, $"{function} could not be read: {Signature(function).Usage}.");
        var source = Source(sql, args[0], at[0], function, splice);
        var time = Column(sql, args[1], at[1], "the time column", function);
        string body;
        if (function == "TUMBLE")
        {
            var size = Interval(sql, args[2], at[2], "window size");
            body = $"SELECT *, window_start + to_microseconds({size}) AS window_end FROM (SELECT *, {time} - to_microseconds({Offset(time, size)}) AS window_start " +
                   $"FROM {source} AS __mesh_src WHERE {time} IS NOT NULL)";
        }
        else if (function == "HOP")
        {
            var slide = Interval(sql, args[2], at[2], "slide");
            var size = Interval(sql, args[3], at[3], "window size");
            if (size % slide != 0)
            {
                throw Error(sql, at[3].Start,
                    $"The HOP window size ({Describe(size)}) must be a multiple of the slide ({Describe(slide)}); HOP takes the slide first, then the size.");
            }
            body = $"SELECT * EXCLUDE (__mesh_k), window_start + to_microseconds({size}) AS window_end FROM (SELECT *, " +
                   $"{time} - to_microseconds({Offset(time, slide)} + __mesh_k * {slide}) AS window_start " +
                   $"FROM {source} AS __mesh_src CROSS JOIN range({size / slide}) AS __mesh_hop(__mesh_k) WHERE {time} IS NOT NULL)";
        }
        else
        {
            var gap = Interval(sql, args[2], at[2], "session gap");
            var key = args.Count == 4 ? Column(sql, args[3], at[3], "the partition column", function) : null;
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

    /// <summary>A relation name (<c>domain.name</c>) as written, or a parenthesised subquery with its own sites rewritten.</summary>
    private static string Source(string sql, SqlExpression arg, TextSpan at, string function, TextSplice splice) => arg switch
    {
        ColumnExpression => sql[at.Start..at.End],
        SubqueryExpression { Operand: null } => splice.Apply(at),
        _ => throw Error(sql, at.Start, $"The first argument of {function} must be a relation such as sales.orders or a parenthesised subquery."),
    };

    private static string Column(string sql, SqlExpression arg, TextSpan at, string what, string function) =>
        arg is ColumnExpression { Names.Count: 1 }
            ? sql[at.Start..at.End]
            : throw Error(sql, at.Start, $"{function} expects {what} as a column name of the source.");

    /// <summary>
    /// The interval in microseconds: <c>INTERVAL '5 minutes'</c>, <c>INTERVAL '1 hour 30 minutes'</c> (a cast of the
    /// text), <c>INTERVAL 5 MINUTE</c>, <c>INTERVAL '5' MINUTE</c> (the parser's <c>to_minutes(5)</c>).
    /// </summary>
    private static long Interval(string sql, SqlExpression arg, TextSpan span, string what)
    {
        var at = span.Start;
        decimal micros;
        switch (arg)
        {
            case CastExpression { Type: "INTERVAL", Operand: ConstantExpression { Type: "VARCHAR", Text: { } text } }:
                var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words.Length % 2 != 0)
                    throw Error(sql, at, $"The {what} '{text}' is not an interval such as '5 minutes'.");
                micros = 0;
                for (var w = 0; w < words.Length; w += 2)
                {
                    if (!decimal.TryParse(words[w], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                        throw Error(sql, at, $"The {what} '{text}' is not an interval such as '5 minutes'.");
                    micros += amount * Unit(sql, at, words[w + 1], what);
                }
                break;
            case FunctionExpression { IsOperator: false, Arguments: [var operand] } unit when unit.Name.StartsWith("to_", StringComparison.Ordinal)
                                                                                          && Literal(operand) is { } literal
                                                                                          && decimal.TryParse(literal.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var count):
                micros = count * Unit(sql, at, unit.Name[3..], what);
                break;
            default:
                throw Error(sql, at, $"The {what} must be an interval, {Example}.");
        }
        if (micros <= 0 || micros != decimal.Truncate(micros))
            throw Error(sql, at, $"The {what} must be a positive whole number of microseconds, {Example}.");
        return (long)micros;
    }

    /// <summary>The literal text inside the casts and truncation the parser wraps around <c>INTERVAL n unit</c>.</summary>
    private static string? Literal(SqlExpression expression) => expression switch
    {
        ConstantExpression constant => constant.Text,
        CastExpression cast => Literal(cast.Operand),
        FunctionExpression { Name: "trunc", Arguments: [var operand] } => Literal(operand),
        _ => null,
    };

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
