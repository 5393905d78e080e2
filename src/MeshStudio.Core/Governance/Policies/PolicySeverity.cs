namespace MeshStudio.Core.Governance.Policies;

/// <summary>What a broken policy does: a warning is shown, a block refuses the deploy or the approval.</summary>
public enum PolicySeverity
{
    Warn = 0,
    Block = 1,
}
