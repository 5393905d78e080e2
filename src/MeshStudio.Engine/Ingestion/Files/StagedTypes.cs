using System.Globalization;
using System.Text;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// Types the staged table <c>raw</c> of a <see cref="StagingSession"/>: infers each file column's type, and builds the
/// query that converts every staged row to a JSON line of the source's schema, or to the reason it does not fit.
/// </summary>
internal static class StagedTypes
{
    private static readonly string[] Candidates = ["BOOLEAN", "INTEGER", "BIGINT", "DOUBLE", "DATE", "TIMESTAMP"];

    /// <summary>The type of each file column: for text, the narrowest lattice type every non-empty value fits.</summary>
    public static List<ColumnSchema> Infer(StagingSession session, IReadOnlyList<string> columns, bool text)
    {
        var described = session.Describe().ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        if (!text || columns.Count == 0)
            return columns.Select(c => new ColumnSchema(c, SourceSchema.ColumnTypeFor(described[c]))).ToList();

        var select = new StringBuilder("SELECT ");
        var parts = new List<string>();
        foreach (var column in columns)
        {
            var v = $"NULLIF(trim({SqlText.Identifier(column)}), '')";
            parts.Add($"count({v})");
            parts.AddRange(Candidates.Select(type => $"coalesce(bool_and({v} IS NULL OR coalesce({Fits(v, type)}, false)), true)"));
        }
        select.AppendJoin(", ", parts).Append(" FROM raw");
        using var command = session.Connection.CreateCommand();
        command.CommandText = select.ToString();
        using var reader = command.ExecuteReader();
        reader.Read();
        var result = new List<ColumnSchema>();
        for (var i = 0; i < columns.Count; i++)
        {
            var offset = i * (Candidates.Length + 1);
            var count = Convert.ToInt64(reader.GetValue(offset), CultureInfo.InvariantCulture);
            if (count == 0)
            {
                // No value to go by: keeps the source's type, or text when the column is new.
                result.Add(new ColumnSchema(columns[i], "NULL"));
                continue;
            }
            var type = "VARCHAR";
            for (var j = 0; j < Candidates.Length; j++)
            {
                if (reader.GetBoolean(offset + 1 + j))
                {
                    type = Candidates[j];
                    break;
                }
            }
            result.Add(new ColumnSchema(columns[i], type));
        }
        return result;
    }

    /// <summary>
    /// The query over <c>raw</c> in line order that yields, per row: its line, the reason it does not fit the schema
    /// (NULL when it fits), the row as a JSON line of the schema's columns, and the row as read (for the quarantine).
    /// </summary>
    public static string TypedRowsQuery(SchemaReconciliation schema, IReadOnlyList<string> fileColumns, bool text)
    {
        var inFile = fileColumns.ToDictionary(c => c, StringComparer.OrdinalIgnoreCase);
        var values = new List<string>();
        var errors = new List<string>();
        foreach (var column in schema.Columns)
        {
            if (!inFile.TryGetValue(column.Name, out var fileColumn))
                continue;
            var converted = Converted(fileColumn, column.Type, text);
            values.Add($"{SqlText.Literal(column.Name)}, {converted}");
            var present = text ? $"NULLIF(trim({SqlText.Identifier(fileColumn)}), '')" : SqlText.Identifier(fileColumn);
            var shown = $"left(CAST({SqlText.Identifier(fileColumn)} AS VARCHAR), 40)";
            errors.Add($"CASE WHEN {present} IS NOT NULL AND ({converted}) IS NULL THEN " +
                       $"'field \"' || {SqlText.Literal(column.Name)} || '\" must be {column.Type.Replace("'", "", StringComparison.Ordinal)}, got \"' || {shown} || '\"' END");
        }
        var json = values.Count == 0 ? "'{}'" : $"CAST(json_object({string.Join(", ", values)}) AS VARCHAR)";
        var error = errors.Count == 0 ? "NULL" : $"NULLIF(concat_ws('; ', {string.Join(", ", errors)}), '')";
        var raw = text ? StagingSession.RawColumn : "CAST(to_json(raw) AS VARCHAR)";
        return $"SELECT {StagingSession.LineColumn}, {error}, {json}, {raw} FROM raw ORDER BY {StagingSession.LineColumn}";
    }

    /// <summary>A predicate: the non-null text <paramref name="v"/> is a valid <paramref name="type"/>.</summary>
    private static string Fits(string v, string type) => type switch
    {
        "BOOLEAN" => $"lower({v}) IN ('true', 'false')",
        "INTEGER" or "BIGINT" => $"(regexp_full_match({v}, '[+-]?[0-9]+') AND TRY_CAST({v} AS {type}) IS NOT NULL)",
        "DOUBLE" => $"isfinite(TRY_CAST({v} AS DOUBLE))",
        "DATE" => $"(regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND TRY_CAST({v} AS DATE) IS NOT NULL)",
        "TIMESTAMP" => $"(regexp_matches({v}, '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[ T][0-9]') AND TRY_CAST({v} AS TIMESTAMP) IS NOT NULL)",
        _ => "true",
    };

    /// <summary>The typed value of a staged column as <paramref name="type"/>, NULL when it does not fit.</summary>
    private static string Converted(string column, string type, bool text)
    {
        var c = SqlText.Identifier(column);
        if (SourceSchema.IsExactWideNumber(type))
        {
            // Stored as text in the JSON line: the JSON reader would round a number this wide through a double.
            var value = text ? $"NULLIF(trim({c}), '')" : c;
            return $"CAST(TRY_CAST({value} AS {type}) AS VARCHAR)";
        }
        var lattice = SourceSchema.Normalise(type);
        if (lattice == "VARCHAR")
            return $"CAST({c} AS VARCHAR)";
        if (!text)
            return lattice == "DOUBLE" ? $"CASE WHEN isfinite(TRY_CAST({c} AS DOUBLE)) THEN TRY_CAST({c} AS DOUBLE) END" : $"TRY_CAST({c} AS {type})";
        var v = $"NULLIF(trim({c}), '')";
        return lattice switch
        {
            "BOOLEAN" or "INTEGER" or "BIGINT" or "DATE" or "TIMESTAMP" => $"CASE WHEN {Fits(v, lattice)} THEN TRY_CAST({v} AS {lattice}) END",
            "DOUBLE" => $"CASE WHEN {Fits(v, lattice)} THEN TRY_CAST({v} AS DOUBLE) END",
            _ => $"TRY_CAST({v} AS {type})",
        };
    }
}
