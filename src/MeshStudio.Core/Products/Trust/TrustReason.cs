namespace MeshStudio.Core.Products.Trust;

/// <summary>One reason behind a trust status, in words a consumer reads; never a data value.</summary>
public sealed record TrustReason(TrustSignal Signal, TrustStatus Status, string Message);
