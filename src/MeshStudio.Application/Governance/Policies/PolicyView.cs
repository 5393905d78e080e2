using MeshStudio.Core.Governance.Policies;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>A policy as it is now.</summary>
/// <param name="UpdatedAt">Null for a default policy nobody changed yet.</param>
public sealed record PolicyView(PolicyDefinition Definition, int Version, DateTime? UpdatedAt, string UpdatedBy);
