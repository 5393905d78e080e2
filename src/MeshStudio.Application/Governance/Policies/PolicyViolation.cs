using MeshStudio.Core.Execution;
using MeshStudio.Core.Governance.Policies;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>A policy a job breaks, with the same text wherever it is shown and its position in the script.</summary>
/// <param name="Error">The marker: <see cref="PolicyFinding.Text"/> at the name or column it is about.</param>
public sealed record PolicyViolation(string Policy, PolicySeverity Severity, string Message, string Explanation, SqlError Error)
{
    public bool Blocks => Severity == PolicySeverity.Block;
}
