using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Sandbox;

/// <summary>
/// Late events judged by arrival position (<see cref="LatenessRule"/>). A source relation with a rule keeps each row's
/// position (the segment time in its file name, see <see cref="SourceFiles"/>, or stamped into the event by
/// <see cref="SegmentCompactor"/>) in a hidden column, and a companion
/// view holds the watermark per position: the newest event time of all earlier positions minus the delay. The rule
/// reads nothing but the files and their order, so every run that reads the same events judges them alike.
/// </summary>
public static class ArrivalOrder
{
    /// <summary>The hidden column holding a row's arrival position; never shown under the relation's name.</summary>
    public const string PositionColumn = SegmentCompactor.PositionKey;

    private const string FileColumn = "__mesh_file";

    /// <summary>The <c>filename</c> argument of <c>read_json</c> that names each row's file.</summary>
    public static string FileNameArgument => $"filename = {SqlText.Literal(FileColumn)}";

    /// <summary>The entry of <c>read_json</c>'s <c>columns</c> reading the position compaction stamped into an event.</summary>
    public static string StampedColumn => $"{SqlText.Literal(PositionColumn)}: 'BIGINT'";

    /// <summary>
    /// <c>SELECT</c> list giving each row its position: stamped by compaction, else its segment's own time, else (a
    /// file compacted before events were stamped) the compacted file's first position.
    /// </summary>
    public static string PositionSelect =>
        $"* EXCLUDE ({FileColumn}, {PositionColumn}), coalesce({PositionColumn}, " +
        $"{NameNumber($"{SourceFiles.SegmentPrefix}([0-9]{{19}})-[^/]*$")}, " +
        $"{NameNumber($"{SourceFiles.CompactedPrefix}[0-9]{{19}}-r([0-9]{{19}})-[^/]*$")}) AS {PositionColumn}";

    // regexp_extract gives '' when the name does not match (DuckDB evaluates every coalesce argument): that is "no
    // position from this pattern", not a number.
    private static string NameNumber(string pattern) =>
        $"CAST(nullif(regexp_extract({FileColumn}, '(?:^|/){pattern}', 1), '') AS BIGINT)";

    /// <summary>The companion view of <paramref name="relation"/>: <c>(pos, watermark)</c> per arrival position.</summary>
    public static string WatermarkName(QualifiedName relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        return $"{SqlText.Identifier(RelationViewFactory.UnfilteredSchema)}.{SqlText.Identifier($"{relation.Domain}.{relation.Name}#watermark")}";
    }

    /// <summary>The statement creating the companion view over the relation's rows (<paramref name="rows"/>, positions included).</summary>
    public static string CreateWatermarkView(QualifiedName relation, LatenessRule rule, string rows)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var seen = rule.SeenBefore is { } before
            ? $"TIMESTAMP {SqlText.Literal(before.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture))}"
            : "NULL::TIMESTAMP";
        var delay = (long)(rule.Delay.Ticks / 10);
        return $"CREATE VIEW {WatermarkName(relation)} AS SELECT {PositionColumn} AS pos, " +
               $"greatest(max(newest) OVER (ORDER BY {PositionColumn} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), {seen}) " +
               $"- to_microseconds({delay.ToString(CultureInfo.InvariantCulture)}) AS watermark " +
               $"FROM (SELECT {PositionColumn}, max({EventTime(rule)}) AS newest FROM {rows} GROUP BY ALL)";
    }

    /// <summary>The predicate an on-time row of <paramref name="relation"/> satisfies (NULL times and the first position are on time).</summary>
    public static string OnTimePredicate(QualifiedName relation, LatenessRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return $"{EventTime(rule)} >= (SELECT __mesh_w.watermark FROM {WatermarkName(relation)} AS __mesh_w WHERE __mesh_w.pos = {PositionColumn})";
    }

    private static string EventTime(LatenessRule rule) => $"try_cast({SqlText.Identifier(rule.EventTimeColumn)} AS TIMESTAMP)";
}
