using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Application.Execution;

/// <summary>What happened to each statement of a deployed script, in order.</summary>
public sealed record DeployResult(IReadOnlyList<StatementOutcome> Statements)
{
    public bool Succeeded => Statements.Count > 0 && Statements.All(s => s.Succeeded);

    public IEnumerable<SqlError> Errors => Statements.Where(s => s.Error is not null).Select(s => s.Error!);

    /// <summary>The policy warnings of the statements (blocking violations are among the errors' statements).</summary>
    public IEnumerable<SqlError> Warnings =>
        Statements.SelectMany(s => s.PolicyViolations ?? []).Where(v => !v.Blocks).Select(v => v.Error);
}

/// <param name="Kind"><c>source</c> or <c>job</c>.</param>
/// <param name="Name">The <c>domain.name</c> deployed, when the statement got that far.</param>
/// <param name="Message">A one-line summary for the user.</param>
/// <param name="ContractDifferences">How a refused job would break its product's contract, one entry per difference.</param>
/// <param name="PolicyViolations">
/// The governance policies the job breaks: blocking ones refuse it, warnings come with a deployed job.
/// </param>
public sealed record StatementOutcome(
    string Kind, string? Name, bool Succeeded, string Message, SqlError? Error = null, long? Rows = null,
    IReadOnlyList<ContractDifference>? ContractDifferences = null, IReadOnlyList<PolicyViolation>? PolicyViolations = null)
{
    /// <summary>The product a breaking change was written to as the next major version (<c>domain.name_vN</c>, ADR 25).</summary>
    public string? NewMajorVersion { get; init; }
}
