namespace MeshStudio.Core.Products.Trust;

/// <summary>Whether a product can be trusted right now, from worst to best after <see cref="Unknown"/> (ADR 27).</summary>
public enum TrustStatus
{
    /// <summary>Nothing to judge yet: no snapshot and no run.</summary>
    Unknown,
    Healthy,
    /// <summary>Usable with care: rows were quarantined, the job is paused, or the pass rate slipped.</summary>
    Degraded,
    /// <summary>Not to be relied on: past its freshness SLA, or its job's last run failed.</summary>
    Failing,
}
