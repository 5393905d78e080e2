namespace MeshStudio.Catalog.Governance;

/// <summary>One version of a policy: the whole definition and what changed from the version before.</summary>
public sealed class PolicyVersionEntity
{
    public int Id { get; set; }
    public int PolicyId { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    /// <summary>One <c>field: before → after</c> line per change.</summary>
    public string Changes { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}
