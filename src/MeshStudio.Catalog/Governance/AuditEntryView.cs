namespace MeshStudio.Catalog.Governance;

public sealed record AuditEntryView(long Id, DateTime At, string Actor, string Action, string Target, string Details);
