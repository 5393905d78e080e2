namespace MeshStudio.Core.Products.Contracts;

/// <summary>The ODCS logical type of a DuckDB type (string, integer, number, boolean, date, timestamp, time, object, array).</summary>
public static class LogicalTypes
{
    public static string Of(string duckDbType)
    {
        ArgumentNullException.ThrowIfNull(duckDbType);
        var type = duckDbType.Trim().ToUpperInvariant();
        if (type.EndsWith(']'))
            return "array";
        var head = type.Split('(', ' ')[0];
        return head switch
        {
            "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER"
                or "UBIGINT" or "UHUGEINT" or "INT" or "INT4" or "INT8" or "LONG" => "integer",
            "DOUBLE" or "FLOAT" or "REAL" or "DECIMAL" or "NUMERIC" => "number",
            "BOOLEAN" or "BOOL" => "boolean",
            "DATE" => "date",
            "TIME" or "TIMETZ" => "time",
            _ when head.StartsWith("TIMESTAMP", StringComparison.Ordinal) => "timestamp",
            "STRUCT" or "MAP" or "UNION" or "JSON" => "object",
            "LIST" => "array",
            _ => "string",
        };
    }

    /// <summary>DuckDB type names compared as DuckDB writes them (case and spaces aside).</summary>
    public static bool SamePhysicalType(string a, string b) =>
        string.Equals(Normal(a), Normal(b), StringComparison.Ordinal);

    private static string Normal(string type) => type.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
