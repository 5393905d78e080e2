using System.Globalization;
using MeshStudio.Application.Semantics;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Privacy;
using MeshStudio.Core.Semantics;

namespace MeshStudio.Application.Semantics;

/// <summary>
/// The stewards' "unmatched values" report: for every source that declares a column named like the type,
/// the distinct values <c>align</c> would leave unchanged and that are not canonical. Computed on demand with
/// the query engine, in a session granted exactly those sources (see <see cref="SemanticTypeService.UnmatchedScanAsync"/>).
/// Values are shown as they are only where the viewer may read the source and they are not personal data; elsewhere
/// they are masked (<see cref="ValueMask"/>) and only their counts are exact. Every scan is audited, never a value.
/// </summary>
public sealed class GlossaryUnmatched(SemanticTypeService types, IQueryEngine engine, AuditLog audit)
{
    public const int MaxValuesPerColumn = 50;

    /// <summary>Masked examples shown per column.</summary>
    public const int MaxMaskedExamples = 5;
    public const string AuditAction = "glossary.unmatched-scan";

    /// <summary>The report for <paramref name="type"/>; stewards only (refused by <see cref="SemanticTypeService.UnmatchedScanAsync"/>).</summary>
    public async Task<IReadOnlyList<GlossaryUnmatchedColumn>> FindAsync(UserContext steward, string type, CancellationToken cancellationToken)
    {
        var scan = await types.UnmatchedScanAsync(steward, type, cancellationToken);
        var result = new List<GlossaryUnmatchedColumn>();
        foreach (var column in scan.Columns)
            result.Add(await ScanAsync(scan, column, cancellationToken));
        await audit.WriteAsync(steward.UserName, AuditAction, type, Summary(result), cancellationToken);
        return result;
    }

    private async Task<GlossaryUnmatchedColumn> ScanAsync(
        SemanticColumnScan scan, SemanticColumn column, CancellationToken cancellationToken)
    {
        var sql = UnmatchedValuesQuery.Sql(column.Source, column.Column, scan.Type, MaxValuesPerColumn);
        var values = new List<(string Value, long Count)>();
        long distinct = 0, rows = 0;
        try
        {
            await foreach (var batch in engine.StreamAsync(scan.Grant, sql, MaxValuesPerColumn, cancellationToken))
            {
                foreach (var row in batch.Rows)
                {
                    values.Add((Convert.ToString(row[0], CultureInfo.InvariantCulture) ?? "", Convert.ToInt64(row[1], CultureInfo.InvariantCulture)));
                    distinct = Convert.ToInt64(row[2], CultureInfo.InvariantCulture);
                    rows = Convert.ToInt64(row[3], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (SqlException e)
        {
            // An engine message may quote a value, so only readers of the source see it.
            var error = column.ShowsValues ? e.Error.Message : "the source could not be scanned.";
            return new GlossaryUnmatchedColumn(column.Source, column.Column, [], Masked: !column.ShowsValues, Error: error);
        }
        // The values themselves may show personal data the column's name did not announce.
        var shown = column.ShowsValues && PiiDetector.Detect(column.Column, values.ConvertAll(v => v.Value)) is null;
        return new GlossaryUnmatchedColumn(column.Source, column.Column, shown ? values : Masked(values), Masked: !shown, distinct, rows);
    }

    /// <summary>A few masked examples, equal masks merged: enough to recognise a pattern, not to enumerate a source.</summary>
    private static List<(string Value, long Count)> Masked(List<(string Value, long Count)> values) =>
        values.GroupBy(v => ValueMask.Mask(v.Value), StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Sum(v => v.Count)))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)
            .Take(MaxMaskedExamples)
            .ToList();

    /// <summary>What the scan read and how it showed it: sources, counts and "as is"/"masked", never values.</summary>
    private static string Summary(List<GlossaryUnmatchedColumn> columns) => columns.Count == 0
        ? "no source declares the column"
        : string.Join("; ", columns.Select(c =>
            $"{c.Source}.{c.Column}: {(c.Error is not null ? "unreadable" : $"{c.DistinctValues} unmatched values in {c.RowsAffected} rows, {(c.Masked ? "masked" : "shown as is")}")}"));
}
