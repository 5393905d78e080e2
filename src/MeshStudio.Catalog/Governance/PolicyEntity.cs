namespace MeshStudio.Catalog.Governance;

/// <summary>
/// A governance policy as stored: its current definition (JSON, owned by the use-case layer) and version. A default
/// policy that no steward has changed has no row; it is in force as the code defines it.
/// </summary>
public sealed class PolicyEntity
{
    public int Id { get; set; }
    public required string Key { get; set; }
    /// <summary>Null for a global policy, else the domain it is local to.</summary>
    public string? Domain { get; set; }
    public int Version { get; set; }
    public bool Enabled { get; set; }
    public required string Definition { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public List<PolicyVersionEntity> Versions { get; set; } = [];
}
