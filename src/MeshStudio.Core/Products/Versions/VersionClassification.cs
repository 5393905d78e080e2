namespace MeshStudio.Core.Products.Versions;

/// <summary>The outcome of <see cref="VersionClassifier"/>.</summary>
/// <param name="Bump">How the version moves.</param>
/// <param name="From">The product's version now.</param>
/// <param name="To">Its version after the change (<paramref name="From"/> when nothing changes).</param>
/// <param name="Differences">Every difference, breaking ones flagged.</param>
/// <param name="OverruledClaim">The contract's version when it claimed a compatible version for a breaking change.</param>
public sealed record VersionClassification(
    VersionBump Bump, SemanticVersion From, SemanticVersion To, IReadOnlyList<SchemaDifference> Differences, SemanticVersion? OverruledClaim = null);
