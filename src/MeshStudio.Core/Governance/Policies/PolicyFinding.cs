namespace MeshStudio.Core.Governance.Policies;

/// <summary>What one policy says about one thing (a product, a column), the same wherever it is evaluated.</summary>
/// <param name="Offset">Where the thing is written in the checked text, when known; markers and deploy errors go there.</param>
public sealed record PolicyFinding(
    string PolicyKey,
    PolicySeverity Severity,
    bool Passed,
    string Message,
    string Explanation,
    int? Offset = null)
{
    /// <summary>The one line shown while typing and at deploy: what is wrong, and why the policy asks for it.</summary>
    public string Text => $"[{PolicyKey}] {Message} {Explanation}";

    public bool Blocks => !Passed && Severity == PolicySeverity.Block;
}
