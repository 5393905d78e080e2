namespace MeshStudio.Core.Governance;

/// <summary>Why an audit entry breaks the chain; an entry may break it in several ways at once.</summary>
[Flags]
public enum AuditBreakReasons
{
    None = 0,

    /// <summary>The entry's contents do not match its seal: it was changed, or written without the key.</summary>
    ContentChanged = 1,

    /// <summary>The entry does not name the seal of the entry before it: an entry was removed, replaced or put in between.</summary>
    LinkBroken = 2,

    /// <summary>The entry's time is earlier than the time of the entry before it: it was back-dated.</summary>
    BackDated = 4,

    /// <summary>Ids are missing before the entry: entries were removed.</summary>
    EntriesMissing = 8,

    /// <summary>The row cannot be read as an audit entry (a column holds something else).</summary>
    Unreadable = 16,
}
