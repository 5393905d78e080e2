using System.Text;
using MeshStudio.Core.Sql;

namespace MeshStudio.Core.Semantics;

/// <summary>
/// The statements a session runs (before its configuration is locked) so user SQL can call
/// <c>align(expr, 'type')</c>: the lookup table <c>mesh_internal.semantic_values(type, key, canonical)</c>,
/// the normalising macro <c>mesh_internal.semantic_key(v)</c> and the <c>align(v, t)</c> macro itself.
/// <c>mesh_internal</c> is the platform's schema, not a domain's; sessions are read-only, so users can read the
/// lookup but never change it.
/// </summary>
public static class SemanticSql
{
    public const string Schema = "mesh_internal";
    public const string Table = Schema + ".semantic_values";
    private const int RowsPerInsert = 500;

    /// <summary>
    /// <c>align(v, t)</c>: the canonical value of the normalised <c>v</c> in type <c>t</c>, or <c>v</c> (as text)
    /// unchanged when the type or the value is unknown.
    /// </summary>
    public static readonly string AlignMacro =
        $"CREATE MACRO align(v, t) AS coalesce((SELECT s.canonical FROM {Table} s " +
        $"WHERE s.type = t AND s.key = {Schema}.semantic_key(v)), CAST(v AS VARCHAR))";

    public static readonly string KeyMacro =
        $"CREATE MACRO {Schema}.semantic_key(v) AS {SemanticMatcher.NormalizeSql("v")}";

    /// <summary>Every statement, in order; the table is created (empty) even without mappings so align always binds.</summary>
    public static IEnumerable<string> Install(IReadOnlyList<SemanticMapping>? mappings)
    {
        yield return $"CREATE SCHEMA IF NOT EXISTS {Schema}";
        yield return $"CREATE TABLE {Table} (type VARCHAR NOT NULL, key VARCHAR NOT NULL, canonical VARCHAR NOT NULL, PRIMARY KEY (type, key))";
        foreach (var chunk in (mappings ?? []).DistinctBy(m => (m.Type, m.Key)).Chunk(RowsPerInsert))
        {
            var sb = new StringBuilder($"INSERT INTO {Table} VALUES ");
            sb.AppendJoin(", ", chunk.Select(m => $"({SqlText.Literal(m.Type)}, {SqlText.Literal(m.Key)}, {SqlText.Literal(m.Canonical)})"));
            yield return sb.ToString();
        }
        yield return KeyMacro;
        yield return AlignMacro;
    }
}
