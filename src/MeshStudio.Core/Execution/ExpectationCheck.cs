using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Execution;

/// <summary>An expectation bound to the job input relation its predicate reads.</summary>
/// <param name="Name">The expectation's name.</param>
/// <param name="Predicate">SQL over the columns of <paramref name="Relation"/>; a row violates it when it is false.</param>
/// <param name="Action">What happens to violating rows.</param>
/// <param name="Relation">The input relation (a name in the session grant) the predicate is checked on.</param>
public sealed record ExpectationCheck(string Name, string Predicate, ExpectationAction Action, QualifiedName Relation);

/// <summary>The counter of one expectation in one run.</summary>
/// <param name="Violations">Input rows for which the predicate was false (NULL counts as satisfied).</param>
public sealed record ExpectationOutcome(string Name, ExpectationAction Action, long Violations);

/// <summary>A FAIL expectation found violating rows: the run stops and no snapshot is written.</summary>
public sealed class ExpectationFailedException(SqlError error, IReadOnlyList<ExpectationOutcome> outcomes)
    : Exception(error.ToString())
{
    public SqlError Error { get; } = error;

    /// <summary>The counters evaluated before the run stopped.</summary>
    public IReadOnlyList<ExpectationOutcome> Outcomes { get; } = outcomes;
}
