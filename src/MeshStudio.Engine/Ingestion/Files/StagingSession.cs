using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// A private in-memory DuckDB session for one file, with its own temp folder: it may read only the domain inbox and
/// that folder. The file is staged in the table <c>raw</c>, one row per record, numbered in <see cref="LineColumn"/>.
/// </summary>
internal sealed class StagingSession : IDisposable
{
    /// <summary>The record's line (text) or row (Parquet) number in the file.</summary>
    public const string LineColumn = "__mesh_line";

    /// <summary>The record as written in a text file.</summary>
    public const string RawColumn = "__mesh_raw";

    private readonly string _temp;

    private StagingSession(DuckDBConnection connection, string temp)
    {
        Connection = connection;
        _temp = temp;
    }

    public DuckDBConnection Connection { get; }

    public static StagingSession Open(LakeOptions options, string inbox)
    {
        var temp = Path.Combine(Path.GetTempPath(), "meshstudio-ingest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            var limits = options.Limits;
            Execute(connection, "SET autoinstall_known_extensions=false");
            Execute(connection, "SET autoload_known_extensions=false");
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET memory_limit='{Math.Max(64, limits.MemoryLimitMb)}MB'"));
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET threads={Math.Max(1, limits.Threads)}"));
            Execute(connection, $"SET temp_directory={SqlText.PathLiteral(temp)}");
            var allowed = new[] { inbox, temp }.Select(d => Path.TrimEndingDirectorySeparator(d).Replace('\\', '/') + "/");
            Execute(connection, $"SET allowed_directories=[{string.Join(", ", allowed.Select(SqlText.Literal))}]");
            Execute(connection, "SET enable_external_access=false");
            Execute(connection, "SET lock_configuration=true");
            return new StagingSession(connection, temp);
        }
        catch
        {
            connection.Dispose();
            DeleteTemp(temp);
            throw;
        }
    }

    /// <summary>Reads a Parquet file into <c>raw</c> with its own types; returns the file's columns.</summary>
    public List<string> StageParquet(InboxFile file)
    {
        Execute(Connection, $"CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS {LineColumn}, * FROM read_parquet({SqlText.PathLiteral(file.FullPath)})");
        return Describe().Where(c => c.Name != LineColumn).Select(c => c.Name).ToList();
    }

    /// <summary>Reads a text file into <c>raw</c> (every field VARCHAR); unreadable records go to the quarantine.</summary>
    public List<string> StageText(InboxFile file, bool csv, QuarantineWriter quarantine)
    {
        RefuseBinary(file);
        var columns = new List<string>();
        if (!csv)
        {
            // A first pass collects the keys (in order of first appearance), so the staging table has them all.
            using var scan = File.OpenRead(file.FullPath);
            foreach (var _ in TextRecords.ReadJsonLines(scan, columns))
            {
            }
        }
        using var stream = File.OpenRead(file.FullPath);
        var header = new List<string>();
        var records = csv ? TextRecords.ReadCsv(stream, header) : TextRecords.ReadJsonLines(stream, [.. columns]);
        using var enumerator = records.GetEnumerator();
        var hasFirst = enumerator.MoveNext(); // reads the CSV header
        if (csv)
            columns = header;
        var ddl = new StringBuilder($"CREATE TEMP TABLE raw ({LineColumn} BIGINT, {RawColumn} VARCHAR");
        foreach (var column in columns)
            ddl.Append(", ").Append(SqlText.Identifier(column)).Append(" VARCHAR");
        Execute(Connection, ddl.Append(')').ToString());
        if (!hasFirst)
            return columns;
        using (var appender = Connection.CreateAppender("raw"))
        {
            do
            {
                var record = enumerator.Current;
                if (record.Error is not null)
                {
                    quarantine.Add(record.Line, $"line {record.Line}: {record.Error}", record.Raw);
                    continue;
                }
                var row = appender.CreateRow().AppendValue(record.Line).AppendValue(record.Raw);
                foreach (var column in columns)
                    row.AppendValue(record.Fields!.GetValueOrDefault(column));
                row.EndRow();
            }
            while (enumerator.MoveNext());
        }
        return columns;
    }

    /// <summary>The columns of <c>raw</c> with their DuckDB types.</summary>
    public IEnumerable<(string Name, string Type)> Describe()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "DESCRIBE raw";
        using var reader = command.ExecuteReader();
        var list = new List<(string, string)>();
        while (reader.Read())
            list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    public void Dispose()
    {
        Connection.Dispose();
        DeleteTemp(_temp);
    }

    private static void RefuseBinary(InboxFile file)
    {
        using var stream = File.OpenRead(file.FullPath);
        var head = new byte[8192];
        var read = stream.Read(head, 0, head.Length);
        if (head.AsSpan(0, read).IndexOf((byte)0) >= 0)
            throw new CorruptFileException("The file is binary (it contains NUL bytes), not JSON lines or CSV text.");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void DeleteTemp(string temp)
    {
        try
        {
            Directory.Delete(temp, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
