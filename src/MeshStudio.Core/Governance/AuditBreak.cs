using System.Globalization;

namespace MeshStudio.Core.Governance;

/// <summary>The first audit entry that breaks the chain: its id, its recorded time (if readable) and why.</summary>
public sealed record AuditBreak(long Id, DateTime? At, AuditBreakReasons Reasons)
{
    /// <summary>In plain words, e.g. "Entry 12 (2026-03-01 12:00:00 UTC) was changed after it was written."</summary>
    public string Message
    {
        get
        {
            var when = At is { } at ? $" ({at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)" : "";
            var why = new List<string>();
            if (Reasons.HasFlag(AuditBreakReasons.EntriesMissing))
                why.Add("entries before it are missing");
            if (Reasons.HasFlag(AuditBreakReasons.LinkBroken))
                why.Add("it does not link to the entry before it");
            if (Reasons.HasFlag(AuditBreakReasons.ContentChanged))
                why.Add("its contents do not match its seal (changed after it was written, or not written by the server)");
            if (Reasons.HasFlag(AuditBreakReasons.BackDated))
                why.Add("its time is earlier than the entry before it (back-dated)");
            if (Reasons.HasFlag(AuditBreakReasons.Unreadable))
                why.Add("it cannot be read as an audit entry");
            return $"The audit chain breaks at entry {Id}{when}: {string.Join("; ", why)}.";
        }
    }
}
