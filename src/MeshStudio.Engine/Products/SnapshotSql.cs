using System.Text;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Products;

/// <summary>A generated statement around the user's SELECT and the offset at which the user's text starts in it.</summary>
public sealed record CopyStatement(string Sql, int UserOffset);

/// <summary>
/// The queries that produce a run's snapshot: the whole product (<see cref="SnapshotMode.Replace"/>), the new rows
/// only (<see cref="SnapshotMode.Append"/>), or the previous snapshot combined with the result
/// (<see cref="SnapshotMode.Upsert"/>, <see cref="SnapshotMode.Merge"/>), and the COPY that writes one with exact
/// types (<see cref="ExactParquetTypes"/>). The user's SELECT always starts on its own line so error positions map back.
/// </summary>
public static class SnapshotSql
{
    private const string OrderColumn = "__mesh_order";
    private const string RankColumn = "__mesh_rank";
    private const string Delta = "__mesh_delta";

    /// <summary>The result (the last row per key, in the SELECT's order, when there are keys).</summary>
    public static CopyStatement Replace(string selectSql, IReadOnlyList<string> keyColumns)
    {
        var (prefix, suffix) = LatestPerKey(keyColumns);
        return new CopyStatement(prefix + selectSql + suffix, prefix.Length);
    }

    /// <summary>The previous rows whose key the result does not have, then the result's latest row per key.</summary>
    public static CopyStatement Upsert(string selectSql, IReadOnlyList<string> keyColumns, QualifiedName previous)
    {
        var (prefix, suffix) = LatestPerKey(keyColumns);
        var sb = new StringBuilder("WITH ").Append(Delta).Append(" AS (\n").Append(prefix);
        var offset = sb.Length;
        var matches = string.Join(" AND ", keyColumns.Select(k => $"d.{SqlText.Identifier(k)} IS NOT DISTINCT FROM p.{SqlText.Identifier(k)}"));
        sb.Append(selectSql).Append(suffix).Append("\n)\n")
          .Append("SELECT * FROM ").Append(Relation(previous)).Append(" AS p WHERE NOT EXISTS (SELECT 1 FROM ").Append(Delta).Append(" AS d WHERE ").Append(matches).Append(")\n")
          .Append("UNION ALL BY NAME SELECT * FROM ").Append(Delta);
        return new CopyStatement(sb.ToString(), offset);
    }

    /// <summary>
    /// The previous rows and the result's rows combined per group: sums added, minimums and maximums kept, each
    /// column cast back to the type the SELECT produces so the product's schema does not drift.
    /// </summary>
    public static CopyStatement Merge(
        string selectSql, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<MergeFunction> functions, QualifiedName previous)
    {
        if (columns.Count != functions.Count)
            throw new ArgumentException($"The SELECT has {columns.Count} columns but the merge plan {functions.Count}.", nameof(functions));
        var outputs = columns.Zip(functions).Select(p =>
        {
            var name = SqlText.Identifier(p.First.Name);
            return p.Second switch
            {
                MergeFunction.Group => name,
                MergeFunction.Sum => $"CAST(sum({name}) AS {p.First.Type}) AS {name}",
                MergeFunction.Min => $"CAST(min({name}) AS {p.First.Type}) AS {name}",
                MergeFunction.Max => $"CAST(max({name}) AS {p.First.Type}) AS {name}",
                MergeFunction.AnyValue => $"any_value({name}) AS {name}",
                _ => throw new ArgumentOutOfRangeException(nameof(functions), p.Second, "Unknown merge function."),
            };
        });
        var sb = new StringBuilder("WITH ").Append(Delta).Append(" AS (\n");
        var offset = sb.Length;
        sb.Append(selectSql).Append("\n)\n")
          .Append("SELECT ").AppendJoin(", ", outputs)
          .Append(" FROM (SELECT * FROM ").Append(Relation(previous)).Append(" UNION ALL BY NAME SELECT * FROM ").Append(Delta).Append(") AS __mesh_all")
          .Append(functions.Contains(MergeFunction.Group) ? " GROUP BY ALL" : "");
        return new CopyStatement(sb.ToString(), offset);
    }

    /// <summary>The previous snapshot's rows and the result's rows (an append that compacts the product into one file).</summary>
    public static CopyStatement AppendCompacting(string selectSql, QualifiedName previous)
    {
        var prefix = $"SELECT * FROM {Relation(previous)} UNION ALL BY NAME SELECT * FROM (\n";
        return new CopyStatement($"{prefix}{selectSql}\n) AS {Delta}", prefix.Length);
    }

    /// <summary><c>DESCRIBE</c> of a query: its output columns and types.</summary>
    public static CopyStatement Describe(CopyStatement query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Around("DESCRIBE SELECT * FROM (\n", query, "\n)");
    }

    /// <summary>The COPY writing the rows of <paramref name="query"/>, whose columns are <paramref name="columns"/>, with exact types.</summary>
    public static CopyStatement Copy(CopyStatement query, IReadOnlyList<ColumnSchema> columns, CopyTarget target)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(target);
        var exact = ExactParquetTypes.Projection(columns);
        var wrapped = exact is null ? query : Around(exact + " (\n", query, "\n)");
        return Around("COPY (\n", wrapped, "\n) TO " + target.Clause);
    }

    private static CopyStatement Around(string before, CopyStatement query, string after) =>
        new(before + query.Sql + after, before.Length + query.UserOffset);

    private static (string Prefix, string Suffix) LatestPerKey(IReadOnlyList<string> keyColumns)
    {
        if (keyColumns.Count == 0)
            return ("", "");
        var keys = string.Join(", ", keyColumns.Select(SqlText.Identifier));
        var prefix = new StringBuilder()
            .Append("SELECT * EXCLUDE (").Append(OrderColumn).Append(", ").Append(RankColumn).Append(") FROM (\n")
            .Append("SELECT *, row_number() OVER (PARTITION BY ").Append(keys).Append(" ORDER BY ").Append(OrderColumn).Append(" DESC) AS ").Append(RankColumn).Append(" FROM (\n")
            .Append("SELECT *, row_number() OVER () AS ").Append(OrderColumn).Append(" FROM (\n")
            .ToString();
        var suffix = $"\n) AS __mesh_source\n) AS __mesh_ordered\n) AS __mesh_ranked WHERE {RankColumn} = 1 ORDER BY {OrderColumn}";
        return (prefix, suffix);
    }

    private static string Relation(QualifiedName name) => $"{SqlText.Identifier(name.Domain)}.{SqlText.Identifier(name.Name)}";
}

/// <summary>Where a COPY writes: one file, or a folder of Hive partitions (<c>col=value/part-….parquet</c>).</summary>
public sealed record CopyTarget(string Path, IReadOnlyList<string> PartitionBy)
{
    public string Clause => PartitionBy.Count == 0
        ? $"{SqlText.PathLiteral(Path)} (FORMAT parquet)"
        : $"{SqlText.PathLiteral(Path)} (FORMAT parquet, PARTITION_BY ({string.Join(", ", PartitionBy.Select(SqlText.Identifier))}), FILENAME_PATTERN 'part-{{uuid}}', OVERWRITE_OR_IGNORE)";
}
