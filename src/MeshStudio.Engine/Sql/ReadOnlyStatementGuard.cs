using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Sql;

namespace MeshStudio.Engine.Sql;

/// <summary>
/// Accepts exactly one read-only statement (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE,
/// or EXPLAIN of one of those). Uses DuckDB's own parser (<c>json_serialize_sql</c>), which only
/// serialises SELECT statements, so parse errors come back with an exact position. Functions and views that show
/// the server's setup are refused (<see cref="ServerIntrospectionGuard"/>).
/// </summary>
public static class ReadOnlyStatementGuard
{
    /// <summary>Throws <see cref="SqlException"/> unless <paramref name="sql"/> is one read-only statement.</summary>
    public static void Ensure(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        var nul = sql.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
            throw new SqlException(SqlError.At("The query contains a NUL character.", sql, nul));
        var tokens = SqlTokenizer.Tokenize(sql);
        var meaningful = tokens.Where(t => !t.IsSymbol(';')).ToList();
        if (meaningful.Count == 0)
            throw new SqlException(new SqlError("The query is empty.", 1, 1));

        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol(';') && tokens.Skip(i + 1).FirstOrDefault(t => !t.IsSymbol(';')) is { } next)
                throw new SqlException(SqlError.At("Only one statement can run at a time; remove everything after the ';'.", sql, next.Offset));
        }

        var first = meaningful[0];
        var bodyOffset = 0;
        if (first.Is("EXPLAIN"))
        {
            var afterExplain = meaningful.Count > 1 && (meaningful[1].Is("ANALYZE") || meaningful[1].Is("ANALYSE")) ? meaningful[1] : first;
            bodyOffset = afterExplain.Offset + afterExplain.Length;
        }

        var body = sql[bodyOffset..];
        using var document = Serialize(connection, body);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            var type = root.TryGetProperty("error_type", out var t) ? t.GetString() : null;
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : "The query could not be parsed.";
            if (string.Equals(type, "parser", StringComparison.OrdinalIgnoreCase))
            {
                var position = ReadPosition(root); // a character offset (node locations, unlike errors, count bytes)
                var text = "Parser Error: " + message;
                throw new SqlException(position is { } p
                    ? SqlError.At(text, sql, bodyOffset + Math.Min(p, body.Length))
                    : new SqlError(text));
            }
            var keyword = meaningful.FirstOrDefault(t => t.Offset >= bodyOffset && t.Kind == SqlTokenKind.Word) ?? first;
            throw new SqlException(SqlError.At(
                $"Only read-only queries can run here (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); {keyword.Value.ToUpperInvariant()} statements are not allowed.",
                sql, keyword.Offset));
        }

        var count = root.TryGetProperty("statements", out var statements) && statements.ValueKind == JsonValueKind.Array
            ? statements.GetArrayLength()
            : 0;
        if (count == 0)
            throw new SqlException(SqlError.At("The statement is incomplete.", sql, sql.Length));
        if (count > 1)
            throw new SqlException(SqlError.At("Only one statement can run at a time.", sql, first.Offset));
        ServerIntrospectionGuard.Ensure(root, sql);
    }

    private static JsonDocument Serialize(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        // The function needs a constant argument, so the text goes in as a quoted literal.
        command.CommandText = $"SELECT json_serialize_sql({SqlText.Literal(sql)})";
        var json = command.ExecuteScalar() as string ?? "{}";
        return JsonDocument.Parse(json);
    }

    private static int? ReadPosition(JsonElement root)
    {
        if (!root.TryGetProperty("position", out var position))
            return null;
        return position.ValueKind switch
        {
            JsonValueKind.Number when position.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(position.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }
}
