namespace MeshStudio.Catalog.Model;

/// <summary>
/// One append-only audit record: who did what to which object. <see cref="Hash"/> seals the record and
/// <see cref="PreviousHash"/> (the seal of the entry before it), so a changed, inserted or removed entry shows.
/// Both are set when the entry is saved (<c>AuditChainInterceptor</c>), never by the code that records it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string Details { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
