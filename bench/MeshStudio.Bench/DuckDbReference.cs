using DuckDB.NET.Data;

namespace MeshStudio.Bench;

/// <summary>The local limits: DuckDB alone, in process, on the same data.</summary>
public static class DuckDbReference
{
    /// <summary>The columns sales.orders declares (DemoPipelines.Sales), as the app's source view passes them to read_json.</summary>
    public const string OrderColumns =
        "{'order_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'customer_id': 'VARCHAR', 'country': 'VARCHAR', " +
        "'amount': 'DOUBLE', 'email': 'VARCHAR', 'product': 'VARCHAR', 'session_id': 'VARCHAR'}";

    /// <summary><c>COPY (SELECT * FROM read_json_auto(file)) TO parquet</c>; returns the rows written.</summary>
    public static long CopyJsonToParquet(string ndjson, string parquet)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_json_auto({Literal(ndjson)})) TO {Literal(parquet)} (FORMAT parquet)";
        return command.ExecuteNonQuery();
    }

    /// <summary>Reads every column of every row of <paramref name="sql"/> through a <c>DbDataReader</c>.</summary>
    public static (long Rows, long Values) ReadAll(string sql, int? threads = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        if (threads is { } t)
        {
            command.CommandText = $"SET threads = {t}";
            command.ExecuteNonQuery();
        }
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long rows = 0, values = 0;
        var fields = reader.FieldCount;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < fields; i++)
            {
                if (reader.GetValue(i) is not DBNull)
                    values++;
            }
        }
        return (rows, values);
    }

    /// <summary>The same view body the app builds for an ingested source: read_json over the listed segment files.</summary>
    public static string ReadSegmentsSql(IEnumerable<string> files) =>
        $"SELECT * FROM read_json([{string.Join(", ", files.Select(Literal))}], format='newline_delimited', columns={OrderColumns})";

    public static string ReadParquetSql(string glob) => $"SELECT * FROM read_parquet({Literal(glob)})";

    /// <summary>Runs statements on <paramref name="connection"/>.</summary>
    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long ScalarLong(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Compares Parquet files (a product's snapshot) with an oracle query as multisets: the rows of each, and the rows
    /// of each that the other lacks (<c>EXCEPT ALL</c> both ways).
    /// </summary>
    public static (long Rows, long OracleRows, long Extra, long Missing) Compare(DuckDBConnection connection, IEnumerable<string> parquet, string oracleSql)
    {
        var product = $"(SELECT * FROM read_parquet([{string.Join(", ", parquet.Select(Literal))}], union_by_name = true))";
        var oracle = $"({oracleSql})";
        return (ScalarLong(connection, $"SELECT count(*) FROM {product}"),
            ScalarLong(connection, $"SELECT count(*) FROM {oracle}"),
            ScalarLong(connection, $"SELECT count(*) FROM (SELECT * FROM {product} EXCEPT ALL SELECT * FROM {oracle})"),
            ScalarLong(connection, $"SELECT count(*) FROM (SELECT * FROM {oracle} EXCEPT ALL SELECT * FROM {product})"));
    }

    /// <summary>An in-memory DuckDB with default settings (all cores).</summary>
    public static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
