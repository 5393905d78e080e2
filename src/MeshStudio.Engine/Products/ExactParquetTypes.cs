using System.Text.RegularExpressions;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Keeps a product's values exact in Parquet. DuckDB writes <c>HUGEINT</c> and <c>UHUGEINT</c> (e.g. any integer
/// <c>sum()</c>) as Parquet <c>DOUBLE</c>, which rounds past 2^53, and <c>INTERVAL</c> as Parquet's
/// months/days/milliseconds, which drops microseconds. The projection built here writes 128-bit integers as
/// <c>DECIMAL(38,0)</c> (the nearest exact Parquet type, also inside lists, structs and maps) and makes a run fail
/// rather than round an interval. Every other DuckDB type is written with its own type or an exact equivalent.
/// </summary>
public static partial class ExactParquetTypes
{
    /// <summary>What 128-bit integers are stored as: exact up to 38 digits; larger values fail the run.</summary>
    public const string WideIntegerType = "DECIMAL(38,0)";

    /// <summary>
    /// <c>SELECT * REPLACE (…) FROM (…)</c> around a query producing <paramref name="columns"/>, or null when every
    /// column is written exactly as it is.
    /// </summary>
    public static string? Projection(IReadOnlyList<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var replaced = new List<string>();
        foreach (var column in columns)
        {
            var name = SqlText.Identifier(column.Name);
            var exact = ExactType(column.Type);
            if (exact is not null)
                replaced.Add($"CAST({name} AS {exact}) AS {name}");
            else if (column.Type.Equals("INTERVAL", StringComparison.OrdinalIgnoreCase))
                replaced.Add(IntervalGuard(column.Name, name));
        }
        return replaced.Count == 0 ? null : $"SELECT * REPLACE ({string.Join(", ", replaced)}) FROM";
    }

    /// <summary>The type to write instead of <paramref name="type"/>, or null when Parquet holds it exactly.</summary>
    public static string? ExactType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var exact = WideInteger().Replace(type, WideIntegerType);
        return exact == type ? null : exact;
    }

    private static string IntervalGuard(string column, string name) =>
        $"CASE WHEN datepart('microsecond', {name}) % 1000 <> 0 THEN error({SqlText.Literal(
            $"Column {column} holds an interval with a fraction of a millisecond, which a product cannot store exactly (Parquet intervals count milliseconds): store epoch_us(…) (microseconds as BIGINT) instead.")}) " +
        $"ELSE {name} END AS {name}";

    /// <summary>
    /// <c>HUGEINT</c> or <c>UHUGEINT</c> as a type: at the end, or before <c>,</c> <c>)</c> <c>[</c>. A struct field
    /// called so is followed by its type instead (DuckDB does not quote it in type names).
    /// </summary>
    [GeneratedRegex(@"\bU?HUGEINT\b(?=\s*($|[,\)\[]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WideInteger();
}
