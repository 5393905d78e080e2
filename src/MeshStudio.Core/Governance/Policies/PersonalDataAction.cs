namespace MeshStudio.Core.Governance.Policies;

/// <summary>
/// What must happen to a personal column before it leaves its domain, weakest first: the order is the strictness
/// a domain's local policy may only raise.
/// </summary>
public enum PersonalDataAction
{
    /// <summary>The column may be published as it is.</summary>
    Allow = 0,

    /// <summary>The column may leave only masked: through a function that hides its values (a hash or a count).</summary>
    Mask = 1,

    /// <summary>The column may leave only pseudonymised through a hash (or counted).</summary>
    Hash = 2,

    /// <summary>The column may not leave at all, not even hashed.</summary>
    Drop = 3,
}
