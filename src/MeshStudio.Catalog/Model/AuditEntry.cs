namespace MeshStudio.Catalog.Model;

/// <summary>One append-only audit record: who did what to which object.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string Details { get; set; } = "";
}
