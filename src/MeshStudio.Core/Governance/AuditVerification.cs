namespace MeshStudio.Core.Governance;

/// <summary>
/// The outcome of walking the audit chain. Intact: how many entries verified and the newest one's id and seal;
/// recording these elsewhere lets a later check notice entries removed from the end, which the chain alone cannot.
/// Broken: the entries that verified before it and the first entry that breaks it.
/// </summary>
public sealed record AuditVerification(bool Intact, long Count, long? HeadId, string HeadHash, AuditBreak? FirstBreak)
{
    public string Summary => FirstBreak?.Message
        ?? (HeadId is null
            ? "The audit log is empty."
            : $"The audit chain is intact: {Count:N0} entries, the newest is entry {HeadId} with seal {HeadHash}.");
}
