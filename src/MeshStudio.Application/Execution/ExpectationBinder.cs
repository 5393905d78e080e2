using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Finds the input relation each expectation of a job is checked on: the first relation the job's SELECT reads
/// (and the grant includes) against which <c>SELECT count(*) FROM relation WHERE NOT (predicate)</c> binds.
/// </summary>
public static class ExpectationBinder
{
    /// <summary>
    /// The bound checks, or the error of the first expectation that binds to no input, positioned in
    /// <paramref name="text"/> (the text <paramref name="job"/> was parsed from).
    /// </summary>
    public static async Task<(IReadOnlyList<ExpectationCheck> Checks, SqlError? Error)> BindAsync(
        IQueryEngine engine, ISqlParser parser, SessionGrant grant, CreateJobStatement job, string text, CancellationToken cancellationToken)
    {
        if (job.Expectations.Count == 0)
            return ([], null);
        IReadOnlyList<QualifiedName> inputs = GrantedRelations.ReadBy(parser, job.Query, grant).Select(r => r.Name).ToList();
        var checks = new List<ExpectationCheck>();
        foreach (var expectation in job.Expectations)
        {
            SqlError? firstError = null;
            QualifiedName? bound = null;
            foreach (var relation in inputs)
            {
                var sql = BindSql(relation, expectation.Predicate);
                try
                {
                    await foreach (var _ in engine.StreamAsync(grant, sql, 16, cancellationToken))
                    {
                    }
                    bound = relation;
                    break;
                }
                catch (SqlException e)
                {
                    firstError ??= e.Error;
                }
            }
            if (bound is null)
                return ([], SqlPositions.Shift(Unbound(expectation, inputs, firstError), text, expectation.PredicateOffset));
            checks.Add(new ExpectationCheck(expectation.Name, expectation.Predicate, expectation.Action, bound));
        }
        return (checks, null);
    }

    /// <summary>The query that binds <paramref name="predicate"/> to <paramref name="relation"/> (the predicate on its second line).</summary>
    internal static string BindSql(QualifiedName relation, string predicate) =>
        $"DESCRIBE SELECT count(*) FROM {SqlText.Identifier(relation.Domain)}.{SqlText.Identifier(relation.Name)} WHERE NOT (\n{predicate}\n)";

    /// <summary>The error positioned relative to the predicate (which the bind query puts on its second line).</summary>
    private static SqlError Unbound(Expectation expectation, IReadOnlyList<QualifiedName> inputs, SqlError? error)
    {
        if (inputs.Count == 0 || error is null)
            return new SqlError($"Expectation {expectation.Name} has no input to check: the job's SELECT reads no source or product.", 1, 1);
        var predicateLines = expectation.Predicate.Split('\n').Length;
        var message = $"Expectation {expectation.Name} does not apply to the job's input ({string.Join(", ", inputs)}): {error.Message}";
        return error is { Line: { } line, Column: { } column } && line >= 2 && line - 1 <= predicateLines
            ? new SqlError(message, line - 1, column)
            : new SqlError(message, 1, 1);
    }
}
