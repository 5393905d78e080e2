using System.Globalization;
using MeshStudio.Catalog.Semantics;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Semantics;

namespace MeshStudio.Web.Features.Governance;

/// <summary>
/// The stewards' "unmatched values" report: for every source that declares a column named like the type,
/// the distinct values <c>align</c> would leave unchanged and that are not canonical. Computed on demand with
/// the query engine, in a session granted exactly those sources (see <see cref="SemanticTypeService.UnmatchedScanAsync"/>).
/// </summary>
public static class GlossaryUnmatched
{
    public const int MaxValuesPerColumn = 50;

    public static async Task<IReadOnlyList<GlossaryUnmatchedColumn>> FindAsync(
        SemanticTypeService types, IQueryEngine engine, UserContext steward, string type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(engine);
        var scan = await types.UnmatchedScanAsync(steward, type, cancellationToken);
        var result = new List<GlossaryUnmatchedColumn>();
        foreach (var column in scan.Columns)
        {
            var sql = UnmatchedValuesQuery.Sql(column.Source, column.Column, type, MaxValuesPerColumn);
            var values = new List<(string, long)>();
            try
            {
                await foreach (var batch in engine.StreamAsync(scan.Grant, sql, MaxValuesPerColumn, cancellationToken))
                {
                    values.AddRange(batch.Rows.Select(r =>
                        (Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? "", Convert.ToInt64(r[1], CultureInfo.InvariantCulture))));
                }
                result.Add(new GlossaryUnmatchedColumn(column.Source, column.Column, values));
            }
            catch (SqlException e)
            {
                result.Add(new GlossaryUnmatchedColumn(column.Source, column.Column, [], e.Error.Message));
            }
        }
        return result;
    }
}
