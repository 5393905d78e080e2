using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// Rewrites the window table functions of the dialect — <c>TUMBLE(src, time_col, size)</c>,
/// <c>HOP(src, time_col, slide, size)</c> and <c>SESSION(src, time_col, gap [, key_col])</c> — into plain DuckDB
/// subqueries that add <c>window_start</c> and <c>window_end</c> to every row of <c>src</c> (see <see cref="WindowCall"/>),
/// and <c>[LEFT] JOIN LATEST rel [AS] alias ON cond</c> into a join against the latest row per key of <c>rel</c> (see
/// <see cref="LatestJoin"/>). What to rewrite is found on the syntax tree (ADR 18); the text of each call and join is
/// spliced where the extension layer (<see cref="StandardSql"/>) saw it written. Strings, comments and quoted
/// identifiers are never rewritten.
/// </summary>
public static class StreamingRewriter
{
    /// <summary>Throws <see cref="SqlException"/> at the offending argument for a malformed window call or JOIN LATEST.</summary>
    /// <param name="parser">The parser of the dialect.</param>
    /// <param name="sql">The user's query.</param>
    /// <param name="eventTimeOf">
    /// The event-time column of a relation named in <c>JOIN LATEST</c> (e.g. a source's declared <c>event_time</c>), or
    /// null when it has none: then the latest row per key is the last one in the relation's read order.
    /// </param>
    public static StreamingRewrite Rewrite(ISqlParser parser, string sql, Func<string, string?>? eventTimeOf = null)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(sql);
        var standard = StandardSql.From(sql);
        var calls = standard.Calls.Where(c => c.Name != "SNAPSHOT").ToDictionary(c => c.Offset);
        if (calls.Count == 0 && standard.LatestJoins.Count == 0)
            return new StreamingRewrite(sql, sql, []);
        foreach (var call in calls.Values)
            WindowCall.CheckShape(sql, call);
        foreach (var join in standard.LatestJoins)
            LatestJoin.CheckShape(sql, join);
        if (Parse(parser, sql) is not { } query)
            return new StreamingRewrite(sql, sql, []);

        var latest = standard.LatestJoins.ToDictionary(j => j.Relation.Start);
        var sites = new List<RewriteSite>();
        foreach (var node in query.DescendantsAndSelf())
        {
            if (node is TableFunctionRef { Call: { Name: "tumble" or "hop" or "session" } call } && calls.TryGetValue(call.Offset, out var written))
                sites.Add(new RewriteSite(written.Span, splice => WindowCall.Replacement(sql, call, written, splice)));
            else if (node is JoinRef { Right: BaseTableRef { Latest: true } table } join && latest.TryGetValue(table.Offset, out var site))
                sites.Add(new RewriteSite(new TextSpan(site.Offset, site.Relation.End), _ => LatestJoin.Replacement(sql, join, table, site, eventTimeOf)));
        }
        var spans = new List<RewrittenSpan>();
        var text = new TextSplice(sql, sites).Apply(new TextSpan(0, sql.Length), spans);
        return spans.Count == 0 ? new StreamingRewrite(sql, sql, []) : new StreamingRewrite(text, sql, spans);
    }

    /// <summary>
    /// The tree of <paramref name="sql"/>; throws its syntax error. Null for a statement that has no tree (nothing is
    /// rewritten then, and running it reports what is wrong).
    /// </summary>
    internal static QueryNode? Parse(ISqlParser parser, string sql)
    {
        var syntax = parser.Parse(sql);
        if (syntax.Query is null && syntax.Error is { Line: not null } error)
            throw new SqlException(error);
        return syntax.Query;
    }
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
