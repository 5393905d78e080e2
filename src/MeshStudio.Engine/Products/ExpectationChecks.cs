using System.Globalization;
using DuckDB.NET.Data;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sandbox;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Checks a run's expectations on its input rows inside the run's session: counts violations, stops on FAIL,
/// writes what DROP removed to the run's quarantine folder.
/// </summary>
internal sealed class ExpectationChecks(SandboxSession session, SessionGrant grant, QueryLimits limits, CancellationToken cancellationToken)
{
    /// <summary>Counts, quarantines and fails as the checks say; returns the counters and whether anything was quarantined.</summary>
    public (IReadOnlyList<ExpectationOutcome> Outcomes, bool Quarantined) Apply(IReadOnlyList<ExpectationCheck> checks, string quarantineFolder)
    {
        var outcomes = checks.Select(check =>
            {
                var count = $"SELECT count(*) FROM {Violations(check)}";
                ReadOnlyStatementGuard.Ensure(session.Connection, count); // the predicate is one expression, nothing more
                return new ExpectationOutcome(check.Name, check.Action, Run(check, count, c => Convert.ToInt64(c.ExecuteScalar(), CultureInfo.InvariantCulture)));
            })
            .ToList();
        var failed = checks.Zip(outcomes).FirstOrDefault(p => p.First.Action == ExpectationAction.Fail && p.Second.Violations > 0);
        if (failed.First is not null)
            throw new ExpectationFailedException(FailureError(failed.First, failed.Second.Violations), outcomes);
        var quarantined = false;
        foreach (var (check, outcome) in checks.Zip(outcomes))
        {
            if (check.Action != ExpectationAction.Drop || outcome.Violations == 0)
                continue;
            Directory.CreateDirectory(quarantineFolder);
            var target = Path.Combine(quarantineFolder, $"{check.Name.ToLowerInvariant()}.parquet");
            Run(check, $"COPY (SELECT {SqlText.Literal(check.Name)} AS _expectation, {InputColumns} FROM {Violations(check)}) TO {SqlText.PathLiteral(target)} (FORMAT parquet)",
                c => c.ExecuteNonQuery());
            quarantined = true;
        }
        return (outcomes, quarantined);
    }

    /// <summary>"Expectation x failed on N input rows (e.g. {…})" with one violating row.</summary>
    private SqlError FailureError(ExpectationCheck check, long violations)
    {
        var example = Run(check, $"SELECT CAST(__mesh_row AS VARCHAR) FROM (SELECT {InputColumns} FROM {Violations(check)} LIMIT 1) AS __mesh_row",
            c => Convert.ToString(c.ExecuteScalar(), CultureInfo.InvariantCulture));
        if (example is { Length: > 300 })
            example = example[..300] + "…";
        var rows = violations == 1 ? "1 input row" : $"{violations.ToString("N0", CultureInfo.InvariantCulture)} input rows";
        return new SqlError($"Expectation {check.Name} failed on {rows} of {check.Relation} (e.g. {example}).");
    }

    /// <summary>The input's own columns, without the arrival position a watermarked source keeps (<see cref="ArrivalOrder"/>).</summary>
    private static string InputColumns => $"COLUMNS(c -> c <> {SqlText.Literal(ArrivalOrder.PositionColumn)})";

    /// <summary><c>&lt;every row of the relation&gt; WHERE NOT (predicate)</c>.</summary>
    private string Violations(ExpectationCheck check) =>
        $"{UnfilteredRelation(grant, check.Relation)} WHERE NOT (({check.Predicate})\n)";

    /// <summary>The name under which every row of a relation is readable (before any DROP filter).</summary>
    public static string UnfilteredRelation(SessionGrant grant, Core.Products.QualifiedName relation) =>
        grant.Relations.Any(r => r.Name == relation && (r.Filter is not null || r.Lateness is not null))
            ? RelationViewFactory.UnfilteredName(relation)
            : $"{SqlText.Identifier(relation.Domain)}.{SqlText.Identifier(relation.Name)}";

    /// <summary>Runs generated SQL around a predicate; failures name the expectation (positions were checked when it was bound).</summary>
    private T Run<T>(ExpectationCheck check, string sql, Func<DuckDBCommand, T> run)
    {
        using var command = session.CreateCommand(sql);
        using var watchdog = new CommandWatchdog(command, limits.Timeout, cancellationToken);
        try
        {
            return run(command);
        }
        catch (Exception ex) when (ex is not SqlException)
        {
            var mapped = SqlFailures.Map(ex, watchdog, limits, session.LakeRoot, sql, sql, 0, grant.Denied, cancellationToken);
            if (mapped is SqlException { Error: var error })
                throw new SqlException(new SqlError($"Expectation {check.Name}: {error.Message}"));
            throw mapped;
        }
    }
}
