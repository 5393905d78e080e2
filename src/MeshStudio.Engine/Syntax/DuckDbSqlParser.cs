using System.Collections.Concurrent;
using System.Text.Json;
using DuckDB.NET.Data;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Syntax;

/// <summary>
/// Parses queries with DuckDB's own parser (<c>json_serialize_sql</c>) on an in-memory database that has no lake,
/// no files and no user session: parsing executes nothing. Connections are pooled (one per concurrent caller) and
/// recent results cached, since the Studio parses the same text on every keystroke and every run.
/// </summary>
public sealed class DuckDbSqlParser : ISqlParser, IDisposable
{
    private const int CacheSize = 256;
    private readonly DuckDBConnection _root;
    private readonly ConcurrentBag<DuckDBConnection> _idle = [];
    private readonly ConcurrentDictionary<string, QuerySyntax> _cache = new(StringComparer.Ordinal);

    public DuckDbSqlParser()
    {
        _root = new DuckDBConnection("DataSource=:memory:");
        _root.Open();
        using var setup = _root.CreateCommand();
        setup.CommandText = "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false; " +
                            "SET enable_external_access = false; SET lock_configuration = true;";
        setup.ExecuteNonQuery();
    }

    public QuerySyntax Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (_cache.TryGetValue(sql, out var cached))
            return cached;
        var parsed = ParseUncached(sql);
        if (_cache.Count >= CacheSize)
            _cache.Clear();
        _cache[sql] = parsed;
        return parsed;
    }

    private QuerySyntax ParseUncached(string sql)
    {
        if (sql.Contains('\0', StringComparison.Ordinal))
            return new QuerySyntax(sql, null, SqlError.At("The query contains a NUL character.", sql, sql.IndexOf('\0', StringComparison.Ordinal)));
        var standard = StandardSql.From(sql);
        using var json = JsonDocument.Parse(Serialize(standard.Sql));
        var root = json.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            // Statements DuckDB parses but does not serialise (EXPLAIN, PIVOT, …) have no tree and no error.
            var syntaxError = root.TryGetProperty("error_type", out var type) && type.GetString() == "parser";
            return new QuerySyntax(sql, null, syntaxError ? Error(sql, root) : null);
        }
        var statements = root.GetProperty("statements");
        if (statements.GetArrayLength() == 0)
            return new QuerySyntax(sql, null, new SqlError("The query is empty.", 1, 1));
        if (statements.GetArrayLength() > 1)
            return new QuerySyntax(sql, null, new SqlError("Run one statement at a time."));
        return new QuerySyntax(sql, DuckDbSyntaxReader.Read(statements[0], sql, standard.LatestRelations), null);
    }

    private static SqlError Error(string sql, JsonElement root)
    {
        var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "" : "";
        message = message.Length == 0 ? "The query does not parse." : char.ToUpperInvariant(message[0]) + message[1..].TrimEnd('.') + ".";
        return root.TryGetProperty("position", out var p) && long.TryParse(p.GetString(), out var position)
            ? SqlError.At(message, sql, (int)Math.Min(position, sql.Length)) // unlike node locations, a character offset
            : new SqlError(message);
    }

    private string Serialize(string sql)
    {
        if (!_idle.TryTake(out var connection))
        {
            connection = _root.Duplicate();
            connection.Open();
        }
        try
        {
            using var command = connection.CreateCommand();
            // The function takes a constant only, not a parameter.
            command.CommandText = $"SELECT json_serialize_sql({SqlText.Literal(sql)})";
            return (string)command.ExecuteScalar()!;
        }
        finally
        {
            _idle.Add(connection);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
            connection.Dispose();
        _root.Dispose();
    }
}
