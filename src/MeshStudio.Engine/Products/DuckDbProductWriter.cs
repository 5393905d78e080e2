using System.Globalization;
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
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product, CancellationToken cancellationToken) =>
        WriteSnapshotAsync(grant, selectSql, keyColumns, product, [], cancellationToken);

    public Task<SnapshotResult> WriteSnapshotAsync(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product,
        IReadOnlyList<ExpectationCheck> expectations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(selectSql);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(expectations);
        DeniedRelationScanner.ThrowIfDenied(selectSql, grant.Denied);
        var unknown = expectations.FirstOrDefault(e => grant.Relations.All(r => r.Name != e.Relation));
        if (unknown is not null)
            throw new ArgumentException($"Expectation {unknown.Name} checks {unknown.Relation}, which the grant does not include.", nameof(expectations));
        var location = _layout.NewSnapshotLocation(product, _time.GetUtcNow().UtcDateTime);
        var folder = _layout.ResolveLocation(location);
        var run = new ExpectationRun(expectations, LakeLayout.QuarantineLocationOf(location));
        return Task.Run(() => Write(WithDropFilters(grant, expectations), selectSql, keyColumns, location, folder, run, cancellationToken), cancellationToken);
    }

    /// <summary>A relation checked by DROP expectations shows the job only the rows no DROP predicate is false for.</summary>
    private static SessionGrant WithDropFilters(SessionGrant grant, IReadOnlyList<ExpectationCheck> expectations)
    {
        var drops = expectations.Where(e => e.Action == ExpectationAction.Drop).ToLookup(e => e.Relation);
        if (drops.Count == 0)
            return grant;
        return grant with
        {
            Relations = grant.Relations
                .Select(r => drops[r.Name].Any()
                    ? r with { Filter = string.Join(" AND ", drops[r.Name].Select(e => $"(({e.Predicate})\n) IS NOT FALSE")) }
                    : r)
                .ToList(),
        };
    }

    private sealed record ExpectationRun(IReadOnlyList<ExpectationCheck> Checks, string QuarantineLocation);

    private async Task<SnapshotResult> Write(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, string location, string folder,
        ExpectationRun expectations, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var quarantineFolder = _layout.ResolveLocation(expectations.QuarantineLocation);
        try
        {
            var file = Path.Combine(folder, LakeLayout.SnapshotFileName);
            var (copySql, userOffset) = BuildCopy(StatementBody(selectSql), keyColumns, file);
            IReadOnlyList<ExpectationOutcome> outcomes;
            var quarantined = false;
            using (var session = SandboxSession.Open(_layout, _limits, grant, [folder, quarantineFolder]))
            {
                outcomes = CheckExpectations(session, grant, expectations.Checks, cancellationToken);
                var failed = expectations.Checks.Zip(outcomes).FirstOrDefault(p => p.First.Action == ExpectationAction.Fail && p.Second.Violations > 0);
                if (failed.First is not null)
                    throw new ExpectationFailedException(FailureError(session, grant, failed.First, failed.Second.Violations, cancellationToken), outcomes);
                foreach (var (check, outcome) in expectations.Checks.Zip(outcomes))
                {
                    if (check.Action != ExpectationAction.Drop || outcome.Violations == 0)
                        continue;
                    Directory.CreateDirectory(quarantineFolder);
                    var target = Path.Combine(quarantineFolder, $"{check.Name.ToLowerInvariant()}.parquet");
                    RunExpectationCommand(session, grant, check,
                        $"COPY (SELECT {SqlText.Literal(check.Name)} AS _expectation, * FROM {Violations(grant, check)}) TO {SqlText.PathLiteral(target)} (FORMAT parquet)",
                        c => c.ExecuteNonQuery(), cancellationToken);
                    quarantined = true;
                }
                using var command = session.CreateCommand(copySql);
                using var watchdog = new CommandWatchdog(command, _limits.Timeout, cancellationToken);
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
            return new SnapshotResult(location, info.RowCount, info.Columns)
            {
                Expectations = outcomes,
                QuarantineLocation = quarantined ? expectations.QuarantineLocation : null,
            };
        }
        catch
        {
            TryDelete(folder);
            TryDelete(quarantineFolder);
            throw;
        }
    }

    /// <summary>Counts, per expectation, the input rows its predicate is false for (all rows, before any DROP filter).</summary>
    private List<ExpectationOutcome> CheckExpectations(
        SandboxSession session, SessionGrant grant, IReadOnlyList<ExpectationCheck> checks, CancellationToken cancellationToken) =>
        checks.Select(check =>
            {
                var count = $"SELECT count(*) FROM {Violations(grant, check)}";
                ReadOnlyStatementGuard.Ensure(session.Connection, count); // the predicate is one expression, nothing more
                return new ExpectationOutcome(check.Name, check.Action, RunExpectationCommand(session, grant, check, count,
                    c => Convert.ToInt64(c.ExecuteScalar(), CultureInfo.InvariantCulture), cancellationToken));
            })
            .ToList();

    /// <summary>"Expectation x failed on N input rows (e.g. {…})" with one violating row.</summary>
    private SqlError FailureError(SandboxSession session, SessionGrant grant, ExpectationCheck check, long violations, CancellationToken cancellationToken)
    {
        var example = RunExpectationCommand(session, grant, check,
            $"SELECT CAST(__mesh_row AS VARCHAR) FROM (SELECT * FROM {Violations(grant, check)} LIMIT 1) AS __mesh_row",
            c => Convert.ToString(c.ExecuteScalar(), CultureInfo.InvariantCulture), cancellationToken);
        if (example is { Length: > 300 })
            example = example[..300] + "…";
        var rows = violations == 1 ? "1 input row" : $"{violations.ToString("N0", CultureInfo.InvariantCulture)} input rows";
        return new SqlError($"Expectation {check.Name} failed on {rows} of {check.Relation} (e.g. {example}).");
    }

    /// <summary><c>&lt;every row of the relation&gt; WHERE NOT (predicate)</c>.</summary>
    private static string Violations(SessionGrant grant, ExpectationCheck check)
    {
        var filtered = grant.Relations.Any(r => r.Name == check.Relation && r.Filter is not null);
        var source = filtered
            ? RelationViewFactory.UnfilteredName(check.Relation)
            : $"{SqlText.Identifier(check.Relation.Domain)}.{SqlText.Identifier(check.Relation.Name)}";
        return $"{source} WHERE NOT (({check.Predicate})\n)";
    }

    /// <summary>Runs generated SQL around a predicate; failures name the expectation (positions were checked when it was bound).</summary>
    private T RunExpectationCommand<T>(
        SandboxSession session, SessionGrant grant, ExpectationCheck check, string sql, Func<DuckDB.NET.Data.DuckDBCommand, T> run, CancellationToken cancellationToken)
    {
        using var command = session.CreateCommand(sql);
        using var watchdog = new CommandWatchdog(command, _limits.Timeout, cancellationToken);
        try
        {
            return run(command);
        }
        catch (Exception ex) when (ex is not SqlException)
        {
            var mapped = SqlFailures.Map(ex, watchdog, _limits, sql, sql, 0, grant.Denied, cancellationToken);
            if (mapped is SqlException { Error: var error })
                throw new SqlException(new SqlError($"Expectation {check.Name}: {error.Message}"));
            throw mapped;
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
