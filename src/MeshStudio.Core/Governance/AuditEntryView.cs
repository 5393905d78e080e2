namespace MeshStudio.Core.Governance;

public sealed record AuditEntryView(long Id, DateTime At, string Actor, string Action, string Target, string Details);
