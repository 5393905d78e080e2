using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Trust;

namespace MeshStudio.Application.Products.Trust;

/// <summary>
/// Whether a product can be trusted right now (ADR 27): one status with its reasons (worst first), and the figures
/// behind them. Holds no data value, so it is shown to everyone who sees the product.
/// </summary>
/// <param name="UpToDateAt">When the product last matched its inputs (last commit, or a later run that found nothing new).</param>
/// <param name="FreshnessSlaSeconds">The contract's freshness SLA (<c>latency</c>) in seconds; null when it promises none.</param>
/// <param name="PassRate">Share of input rows that passed the expectations over the last runs (0..1); null when none were checked.</param>
/// <param name="RunsCounted">How many of the job's newest runs were looked at.</param>
public sealed record ProductTrustView(
    QualifiedName Product,
    TrustStatus Status,
    IReadOnlyList<TrustReason> Reasons,
    DateTime? UpToDateAt,
    double? FreshnessSlaSeconds,
    double? PassRate,
    int RunsCounted);
