using System.Globalization;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Semantics;

/// <summary>
/// The SQL that lists the values of one column that a semantic type does not know: <c>align</c> leaves them
/// unchanged and they are not canonical. Runs in a session whose <c>mesh_internal.semantic_values</c> table
/// and <c>mesh_internal.semantic_key</c> macro the engine installed from the same mappings.
/// </summary>
public static class UnmatchedValuesQuery
{
    /// <summary>
    /// Distinct unmatched values of <paramref name="relation"/>.<paramref name="column"/>, most frequent first, each
    /// row also carrying the totals over all of them (<c>distinct_values</c>, <c>rows_affected</c>, counted before the
    /// limit), so a reader who may not see the values still learns how much is unmatched.
    /// </summary>
    public static string Sql(QualifiedName relation, string column, string type, int limit)
    {
        ArgumentNullException.ThrowIfNull(relation);
        // Only identifiers reach the SQL, so it cannot be anything but this one query.
        if (!QualifiedName.IsValidIdentifier(relation.Domain) || !QualifiedName.IsValidIdentifier(relation.Name)
            || !QualifiedName.IsValidIdentifier(column) || !QualifiedName.IsValidIdentifier(type))
            throw new ArgumentException("Relation, column and type must be identifiers.");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return string.Create(CultureInfo.InvariantCulture, $"""
            SELECT value, occurrences,
                   count(*) OVER () AS distinct_values, sum(occurrences) OVER () AS rows_affected
            FROM (
                SELECT CAST("{column}" AS VARCHAR) AS value, count(*) AS occurrences
                FROM "{relation.Domain}"."{relation.Name}"
                WHERE "{column}" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM mesh_internal.semantic_values s
                                  WHERE s.type = '{type}' AND s.key = mesh_internal.semantic_key("{column}"))
                GROUP BY ALL
            )
            ORDER BY occurrences DESC, value
            LIMIT {limit}
            """);
    }
}
