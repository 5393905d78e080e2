using MeshStudio.Core.Products;

namespace MeshStudio.Core.Ingestion;

/// <summary>One change a file made to its source's schema.</summary>
/// <param name="Column">The column.</param>
/// <param name="OldType">The type before; null when the column was added.</param>
/// <param name="NewType">The type after.</param>
public sealed record SchemaChange(string Column, string? OldType, string NewType)
{
    public override string ToString() => OldType is null
        ? $"added column {Column} {NewType}"
        : $"widened column {Column} from {OldType} to {NewType}";
}

/// <summary>The source's columns after a file or an ingest batch was reconciled with them, and what changed.</summary>
public sealed record SchemaReconciliation(IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<SchemaChange> Changes);

/// <summary>How far a source column may widen when data needs a wider type.</summary>
public enum Widening
{
    /// <summary>Never: values that do not fit are errors (a declared column of an HTTP source).</summary>
    None,
    /// <summary>Along numbers and dates, never to text (a declared column of a file source).</summary>
    NumbersAndDates,
    /// <summary>Anywhere up the lattice, to <c>VARCHAR</c> included (an inferred or added column).</summary>
    Any,
}

/// <summary>
/// Schema inference and drift for file and HTTP sources. Types form a small lattice: <c>BOOLEAN</c>;
/// <c>INTEGER → BIGINT → DOUBLE</c>; <c>DATE → TIMESTAMP</c>; and <c>VARCHAR</c> above everything (<c>JSON</c>, for
/// objects and arrays, joins only with itself). Exact numbers wider than <c>BIGINT</c> (<c>DECIMAL</c>, <c>HUGEINT</c>)
/// stay outside it: a column declared or first seen with such a type keeps it exactly. A new column in the data is added (nullable). A wider type widens the
/// source column along the lattice as far as the column's <see cref="Widening"/> allows (a declared type is a
/// contract: values that do not fit it are row errors, never a silent change). A narrower type is read into the
/// wider column.
/// </summary>
public static class SourceSchema
{
    /// <summary>Key every file-ingested event carries so a retried batch can be recognised (see ADR 0009).</summary>
    public const string BatchMarker = "__mesh_batch";

    /// <summary>The lattice type of a DuckDB type name, or null when the type is outside the lattice (kept as declared).</summary>
    public static string? Normalise(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var upper = type.Trim().ToUpperInvariant();
        return upper switch
        {
            "BOOLEAN" or "BOOL" or "LOGICAL" => "BOOLEAN",
            "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "INT4" or "UTINYINT" or "USMALLINT" or "INT2" or "INT1" => "INTEGER",
            "BIGINT" or "INT8" or "LONG" or "UINTEGER" => "BIGINT",
            "DOUBLE" or "FLOAT" or "REAL" or "FLOAT8" or "FLOAT4" => "DOUBLE",
            "DATE" => "DATE",
            "TIMESTAMP" or "DATETIME" or "TIMESTAMP_NS" or "TIMESTAMP_MS" or "TIMESTAMP_S" or "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" => "TIMESTAMP",
            "VARCHAR" or "TEXT" or "STRING" or "UUID" or "CHAR" or "BPCHAR" => "VARCHAR",
            _ when upper.StartsWith("VARCHAR", StringComparison.Ordinal) => "VARCHAR",
            _ => null,
        };
    }

    /// <summary>
    /// True for the exact numbers wider than <c>BIGINT</c> (<c>DECIMAL(p,s)</c>, <c>HUGEINT</c>, unsigned 64/128-bit):
    /// outside the lattice, so a column of such a type keeps it and its values are never rounded through a double.
    /// </summary>
    public static bool IsExactWideNumber(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var upper = type.Trim().ToUpperInvariant();
        return upper is "HUGEINT" or "UBIGINT" or "UHUGEINT" or "INT128" or "UINT128"
            || upper.StartsWith("DECIMAL", StringComparison.Ordinal) || upper.StartsWith("NUMERIC", StringComparison.Ordinal);
    }

    /// <summary>The type a new column of data typed <paramref name="type"/> gets: its lattice type, an exact wide number as is, else text.</summary>
    public static string ColumnTypeFor(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (IsJson(type))
            return "JSON";
        return Normalise(type) ?? (IsExactWideNumber(type) ? type.Trim().ToUpperInvariant() : "VARCHAR");
    }

    /// <summary>
    /// The narrowest lattice type both <paramref name="a"/> and <paramref name="b"/> fit into; an exact wide number
    /// joined with another number gives <c>DOUBLE</c>, the top of the number chain.
    /// </summary>
    public static string Join(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (IsJson(a) && IsJson(b))
            return "JSON";
        var x = JoinType(a);
        var y = JoinType(b);
        if (x == y)
            return x;
        var rx = NumericRank(x);
        var ry = NumericRank(y);
        if (rx > 0 && ry > 0)
            return rx >= ry ? x : y;
        if (x is "DATE" or "TIMESTAMP" && y is "DATE" or "TIMESTAMP")
            return "TIMESTAMP";
        return "VARCHAR";
    }

    /// <summary>
    /// Reconciles the columns a file has (with their types) with the source's. With no source columns yet the
    /// file's schema is the inferred schema. Column names match case-insensitively; the source's spelling wins.
    /// A declared column (<paramref name="inferred"/> false) widens along numbers and dates only.
    /// </summary>
    public static SchemaReconciliation Reconcile(IReadOnlyList<ColumnSchema> source, bool inferred, IReadOnlyList<ColumnSchema> file) =>
        Reconcile(source, file, _ => inferred ? Widening.Any : Widening.NumbersAndDates);

    /// <summary>
    /// Reconciles the columns some data has (with the types it needs) with the source's: new columns are added,
    /// existing ones widen as far as <paramref name="widening"/> allows for them. Names match case-insensitively;
    /// the source's spelling wins.
    /// </summary>
    public static SchemaReconciliation Reconcile(IReadOnlyList<ColumnSchema> source, IReadOnlyList<ColumnSchema> file, Func<ColumnSchema, Widening> widening)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(widening);
        var columns = source.ToList();
        var changes = new List<SchemaChange>();
        foreach (var column in file)
        {
            var index = columns.FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                var type = ColumnTypeFor(column.Type);
                columns.Add(new ColumnSchema(column.Name, type));
                changes.Add(new SchemaChange(column.Name, null, type));
                continue;
            }
            var current = columns[index];
            var currentType = Normalise(current.Type);
            if (currentType is null)
                continue; // a declared type outside the lattice: values are cast to it or are row errors
            var joined = Join(currentType, column.Type);
            if (joined == currentType)
                continue;
            var allowed = widening(current);
            if (allowed == Widening.None || (joined == "VARCHAR" && allowed != Widening.Any))
                continue; // a declared type stays; values that do not fit are row errors
            columns[index] = current with { Type = joined };
            changes.Add(new SchemaChange(current.Name, current.Type, joined));
        }
        return new SchemaReconciliation(columns, changes);
    }

    private static string JoinType(string type) => Normalise(type) ?? (IsExactWideNumber(type) ? "DOUBLE" : "VARCHAR");

    private static bool IsJson(string type) => type.Trim().Equals("JSON", StringComparison.OrdinalIgnoreCase);

    private static int NumericRank(string type) => type switch
    {
        "INTEGER" => 1,
        "BIGINT" => 2,
        "DOUBLE" => 3,
        _ => 0,
    };
}
