using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Products.Trust;

/// <summary>One run of the job: its outcome, the input rows it read and its expectation counters.</summary>
public sealed record TrustRunFacts(DateTime StartedAt, bool Succeeded, long RowsIn, IReadOnlyList<ExpectationOutcome> Expectations);
