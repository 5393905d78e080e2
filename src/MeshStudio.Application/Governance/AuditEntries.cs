using MeshStudio.Core.Governance;

namespace MeshStudio.Application.Governance;

/// <summary>A page of the audit log, newest first, and how many entries the log holds.</summary>
public sealed record AuditEntries(int Total, IReadOnlyList<AuditEntryView> Entries);
