using System.Text;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Sandbox;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Writes a SELECT's result as Parquet into a new snapshot folder of a product, from a sandboxed session
/// whose only writable folder is that snapshot. With key columns, the last row per key (in the SELECT's
/// output order) is kept.
/// </summary>
public sealed class DuckDbProductWriter : IProductWriter
{
    private const string OrderColumn = "__mesh_order";
    private const string RankColumn = "__mesh_rank";

    private readonly LakeLayout _layout;
    private readonly QueryLimits _limits;
    private readonly TimeProvider _time;

    public DuckDbProductWriter(LakeOptions options)
        : this(options, TimeProvider.System)
    {
    }

    public DuckDbProductWriter(LakeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _layout = new LakeLayout(options);
        _limits = options.Limits;
        _time = time;
    }

    public Task<SnapshotResult> WriteSnapshotAsync(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(selectSql);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(product);
        DeniedRelationScanner.ThrowIfDenied(selectSql, grant.Denied);
        var location = _layout.NewSnapshotLocation(product, _time.GetUtcNow().UtcDateTime);
        var folder = _layout.ResolveLocation(location);
        return Task.Run(() => Write(grant, selectSql, keyColumns, location, folder, cancellationToken), cancellationToken);
    }

    private async Task<SnapshotResult> Write(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, string location, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, LakeLayout.SnapshotFileName);
            var (copySql, userOffset) = BuildCopy(StatementBody(selectSql), keyColumns, file);
            using (var session = SandboxSession.Open(_layout, _limits, grant, folder))
            using (var command = session.CreateCommand(copySql))
            using (var watchdog = new CommandWatchdog(command, _limits.Timeout, cancellationToken))
            {
                try
                {
                    ReadOnlyStatementGuard.Ensure(session.Connection, selectSql);
                    if (selectSql.TrimStart().StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase))
                        throw new SqlException(new SqlError("A product is written from a SELECT, not from EXPLAIN.", 1, 1));
                    command.ExecuteNonQuery();
                }
                catch (Exception ex) when (ex is not SqlException)
                {
                    throw SqlFailures.Map(ex, watchdog, _limits, copySql, selectSql, userOffset, grant.Denied, cancellationToken);
                }
            }
            var info = await ParquetInspector.InspectAsync(file, cancellationToken).ConfigureAwait(false);
            return new SnapshotResult(location, info.RowCount, info.Columns);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>
    /// <c>COPY (…) TO 'file' (FORMAT parquet)</c> around the user's SELECT, which starts on its own line so
    /// error positions map back; returns the SQL and the offset at which the user's text starts.
    /// </summary>
    public static (string Sql, int UserOffset) BuildCopy(string selectSql, IReadOnlyList<string> keyColumns, string file)
    {
        var sb = new StringBuilder("COPY (\n");
        if (keyColumns.Count > 0)
        {
            var keys = string.Join(", ", keyColumns.Select(SqlText.Identifier));
            sb.Append("SELECT * EXCLUDE (").Append(OrderColumn).Append(", ").Append(RankColumn).Append(") FROM (\n")
              .Append("SELECT *, row_number() OVER (PARTITION BY ").Append(keys).Append(" ORDER BY ").Append(OrderColumn).Append(" DESC) AS ").Append(RankColumn).Append(" FROM (\n")
              .Append("SELECT *, row_number() OVER () AS ").Append(OrderColumn).Append(" FROM (\n");
            var offset = sb.Length;
            sb.Append(selectSql)
              .Append("\n) AS __mesh_source\n) AS __mesh_ordered\n) AS __mesh_ranked WHERE ").Append(RankColumn).Append(" = 1 ORDER BY ").Append(OrderColumn)
              .Append("\n) TO ").Append(SqlText.PathLiteral(file)).Append(" (FORMAT parquet)");
            return (sb.ToString(), offset);
        }
        var start = sb.Length;
        sb.Append(selectSql).Append("\n) TO ").Append(SqlText.PathLiteral(file)).Append(" (FORMAT parquet)");
        return (sb.ToString(), start);
    }

    /// <summary>The statement without a trailing <c>;</c> (which cannot appear inside the COPY).</summary>
    private static string StatementBody(string sql)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var semicolon = tokens.FirstOrDefault(t => t.IsSymbol(';'));
        return semicolon is null ? sql : sql[..semicolon.Offset];
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
