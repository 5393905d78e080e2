using System.Globalization;
using DuckDB.NET.Data;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Sandbox;

/// <summary>
/// One locked-down in-memory DuckDB connection: no extension installs or loads, memory/thread/temp limits,
/// a view per readable relation, file access limited to exactly those relations' folders (plus an optional
/// write folder and the session's temp folder), and the configuration locked.
/// </summary>
public sealed class SandboxSession : IDisposable
{
    private readonly DuckDBConnection _connection;
    private bool _disposed;

    private SandboxSession(DuckDBConnection connection, string lakeRoot, string tempDirectory, IReadOnlyList<string> allowedDirectories)
    {
        _connection = connection;
        LakeRoot = lakeRoot;
        TempDirectory = tempDirectory;
        AllowedDirectories = allowedDirectories;
    }

    /// <summary>The lake folder the session's relations live in.</summary>
    public string LakeRoot { get; }

    /// <summary>The per-session spill folder, deleted on dispose.</summary>
    public string TempDirectory { get; }

    /// <summary>The folders the session may access, each with a trailing slash.</summary>
    public IReadOnlyList<string> AllowedDirectories { get; }

    public DuckDBConnection Connection
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _connection;
        }
    }

    /// <summary>Opens a session for <paramref name="grant"/>; <paramref name="writableDirectory"/> is the only folder COPY may write to.</summary>
    public static SandboxSession Open(LakeLayout layout, QueryLimits limits, SessionGrant grant, string? writableDirectory = null) =>
        Open(layout, limits, grant, writableDirectory is null ? [] : [writableDirectory]);

    /// <summary>Opens a session for <paramref name="grant"/>; <paramref name="writableDirectories"/> are the only folders COPY may write to.</summary>
    public static SandboxSession Open(LakeLayout layout, QueryLimits limits, SessionGrant grant, IReadOnlyList<string> writableDirectories)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(writableDirectories);
        if (writableDirectories.Any(d => !LakeLayout.IsInside(Path.GetFullPath(d), layout.RootPath)))
            throw new ArgumentException("The write folder must be inside the lake.", nameof(writableDirectories));

        var tempDirectory = Path.Combine(Path.GetTempPath(), "meshstudio-duckdb", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempDirectory);
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            Execute(connection, "SET autoinstall_known_extensions=false");
            Execute(connection, "SET autoload_known_extensions=false");
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET memory_limit='{Math.Max(1, limits.MemoryLimitMb)}MB'"));
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET threads={Math.Max(1, limits.Threads)}"));
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET max_temp_directory_size='{Math.Max(0, limits.MaxTempDirectoryMb)}MB'"));
            Execute(connection, $"SET temp_directory={SqlText.PathLiteral(tempDirectory)}");

            var directories = new List<string>();
            var schemas = new HashSet<string>(StringComparer.Ordinal);
            foreach (var relation in grant.Relations)
            {
                var view = RelationViewFactory.Create(relation, layout);
                if (schemas.Add(view.Name.Domain))
                    Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {SqlText.Identifier(view.Name.Domain)}");
                foreach (var sql in view.CreateSql)
                    Execute(connection, sql);
                directories.Add(view.Directory);
            }
            foreach (var sql in Core.Semantics.SemanticSql.Install(grant.Semantics))
                Execute(connection, sql);
            directories.AddRange(writableDirectories.Select(Path.GetFullPath));
            directories.Add(tempDirectory);

            var allowed = directories
                .Select(d => Path.TrimEndingDirectorySeparator(d).Replace('\\', '/') + "/")
                .Distinct(StringComparer.Ordinal)
                .ToList();
            Execute(connection, $"SET allowed_directories=[{string.Join(", ", allowed.Select(SqlText.Literal))}]");
            Execute(connection, "SET enable_external_access=false");
            Execute(connection, "SET lock_configuration=true");
            return new SandboxSession(connection, layout.RootPath, tempDirectory, allowed);
        }
        catch
        {
            connection.Dispose();
            TryDelete(tempDirectory);
            throw;
        }
    }

    /// <summary>A command on this session's connection.</summary>
    public DuckDBCommand CreateCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs a statement and discards its result (DuckDB errors propagate as <see cref="DuckDBException"/>).</summary>
    public void Execute(string sql) => Execute(Connection, sql);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _connection.Dispose();
        TryDelete(TempDirectory);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
