namespace MeshStudio.Core.Products.Trust;

/// <summary>What a trust reason was judged from.</summary>
public enum TrustSignal
{
    /// <summary>The age of the data against the contract's freshness SLA.</summary>
    Freshness,
    /// <summary>The expectation results and pass rate of the job's last runs.</summary>
    Quality,
    /// <summary>Whether the job runs, is paused or failed.</summary>
    Job,
}
