using MeshStudio.Core.Governance.Policies;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>One version of a policy with what changed from the version before (<c>field: before → after</c>).</summary>
public sealed record PolicyVersionView(int Version, PolicyDefinition Definition, IReadOnlyList<string> Changes, DateTime? ChangedAt, string ChangedBy);
