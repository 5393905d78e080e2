using System.Text.Json;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;

namespace MeshStudio.Engine.Sql;

/// <summary>
/// Refuses DuckDB's metadata and introspection functions and catalog views: they show how the server is set up
/// (settings with absolute folders, view definitions with lake paths, databases, extensions, secrets, environment
/// variables, file listings) and nothing a user needs for their data. <c>query()</c> and friends are refused too,
/// because they would run SQL text this check never sees.
/// </summary>
public static class ServerIntrospectionGuard
{
    private static readonly string[] DeniedPrefixes = ["duckdb_", "pragma_", "pg_", "sqlite_"];

    private static readonly HashSet<string> DeniedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "current_setting", "getenv", "glob", "which_secret", "query", "query_table", "json_execute_serialized_sql",
        "checkpoint", "force_checkpoint", "enable_logging", "disable_logging",
    };

    /// <summary>Harmless PostgreSQL compatibility functions (the rest of <c>pg_</c> is the catalog).</summary>
    private static readonly HashSet<string> AllowedNames = new(StringComparer.OrdinalIgnoreCase) { "pg_sleep", "pg_typeof", "pg_size_pretty" };

    /// <summary>Where DuckDB keeps its own catalog views; users' relations are always <c>domain.name</c>.</summary>
    private static readonly HashSet<string> SystemSchemas = new(StringComparer.OrdinalIgnoreCase) { "", "main", "system", "temp", "information_schema", "pg_catalog" };

    private static readonly HashSet<string> DeniedSchemas = new(StringComparer.OrdinalIgnoreCase) { "information_schema", "pg_catalog" };

    /// <summary>Throws <see cref="SqlException"/> at the first introspection function or catalog view in the parsed statement.</summary>
    public static void Ensure(JsonElement parsed, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (FindDenied(parsed) is not { } name)
            return;
        var token = SqlTokenizer.Tokenize(sql).FirstOrDefault(t => string.Equals(t.Value, name, StringComparison.OrdinalIgnoreCase));
        var message = $"{name} shows how the server is set up and is not available in queries.";
        throw new SqlException(token is null ? new SqlError(message) : SqlError.At(message, sql, token.Offset));
    }

    private static string? FindDenied(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (Denied(element) is { } name)
                    return name;
                foreach (var property in element.EnumerateObject())
                {
                    if (FindDenied(property.Value) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindDenied(item) is { } inner)
                        return inner;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The denied function or table this node names, if any.</summary>
    private static string? Denied(JsonElement node)
    {
        if (Text(node, "function_name") is { } function && IsDeniedName(function))
            return function;
        var schema = Text(node, "schema_name") ?? "";
        if (DeniedSchemas.Contains(schema))
            return schema;
        if (Text(node, "table_name") is { } table && SystemSchemas.Contains(schema) && IsDeniedName(table))
            return table;
        return null;
    }

    private static bool IsDeniedName(string name) =>
        !AllowedNames.Contains(name)
        && (DeniedNames.Contains(name) || DeniedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)));

    private static string? Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
