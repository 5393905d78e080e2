using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Core.Products.Versions;

/// <summary>
/// Classifies a change of a product's output: no difference keeps the version, only added columns are the next minor,
/// anything breaking is the next major. A breach of the product's saved contract is breaking whatever the contract's
/// own version claims: a contract that says 1.1.0 while dropping a column does not make the drop a minor change.
/// </summary>
public static class VersionClassifier
{
    public static VersionClassification Classify(
        SemanticVersion current, IReadOnlyList<SchemaDifference> schema, IReadOnlyList<ContractDifference> contract, string? claimedVersion = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(contract);
        var differences = schema
            .Concat(contract.Where(c => !schema.Any(s => s.Breaking && Same(s.Column, c.Column)))
                .Select(c => new SchemaDifference(c.Column, "contract", c.Message, Breaking: true)))
            .ToList();
        var bump = differences.Any(d => d.Breaking) ? VersionBump.Major
            : differences.Count > 0 ? VersionBump.Minor
            : VersionBump.None;
        var next = bump switch
        {
            VersionBump.Major => current.NextMajor,
            VersionBump.Minor => current.NextMinor,
            _ => current,
        };
        var claimed = SemanticVersion.TryParse(claimedVersion);
        var overruled = bump == VersionBump.Major && claimed is { } c2 && c2.Major == current.Major;
        return new VersionClassification(bump, current, next, differences, overruled ? claimed : null);
    }

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
