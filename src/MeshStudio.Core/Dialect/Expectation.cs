namespace MeshStudio.Core.Dialect;

/// <summary>What a job does with an input row that violates an expectation.</summary>
public enum ExpectationAction
{
    /// <summary>The row is left out of the job's input and written to the run's quarantine.</summary>
    Drop,
    /// <summary>The row is counted and let through.</summary>
    Warn,
    /// <summary>Any violating row fails the run; the product keeps its previous snapshot.</summary>
    Fail,
}

/// <summary><c>WITH EXPECTATION name EXPECT predicate ON VIOLATION DROP | WARN | FAIL</c> of a job.</summary>
/// <param name="Name">Unique within the job; letters, digits and underscores.</param>
/// <param name="Predicate">The predicate exactly as written; true or NULL means the row is valid.</param>
/// <param name="PredicateOffset">Offset of <paramref name="Predicate"/> in the parsed text, to map error positions.</param>
/// <param name="Action">What happens to a violating row.</param>
public sealed record Expectation(string Name, string Predicate, int PredicateOffset, ExpectationAction Action);
