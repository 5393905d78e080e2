namespace MeshStudio.Core.Products.Trust;

/// <summary>A product's trust status with its reasons, worst first.</summary>
/// <param name="PassRate">The share of input rows that passed the expectations over the counted runs; null when none checked any.</param>
/// <param name="RunsCounted">How many of the job's newest runs were looked at.</param>
public sealed record TrustJudgement(TrustStatus Status, IReadOnlyList<TrustReason> Reasons, double? PassRate, int RunsCounted);
