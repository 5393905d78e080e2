namespace MeshStudio.Core.Governance;

/// <summary>The automated checks of a governance review. Failed blocking checks prevent approval.</summary>
public static class ReviewChecks
{
    public const int MinDescriptionLength = 20;

    public static IReadOnlyList<CheckResult> Evaluate(ProductFacts product)
    {
        var flagged = product.Columns.Where(c => c.Pii is not null).ToList();
        return
        [
            new("owner-present", !string.IsNullOrWhiteSpace(product.OwnerUserName),
                string.IsNullOrWhiteSpace(product.OwnerUserName) ? "The product has no named owner." : $"Owner: {product.OwnerUserName}.",
                Blocking: true),
            new("description-present", product.Description.Trim().Length >= MinDescriptionLength,
                product.Description.Trim().Length >= MinDescriptionLength
                    ? "The product is described."
                    : $"The description needs at least {MinDescriptionLength} characters; it has {product.Description.Trim().Length}.",
                Blocking: true),
            new("has-data", product.HasData,
                product.HasData ? "The product has a committed snapshot." : "The product has no data yet: run its job first.",
                Blocking: true),
            new("pii-masked", flagged.Count == 0,
                flagged.Count == 0
                    ? "No column looks like unmasked personal data."
                    : "Unmasked personal data leaves the domain: " +
                      string.Join(", ", flagged.Select(c => $"{c.Name} ({c.Pii})")) +
                      ". Hash or mask these columns in the job (e.g. sha256(email)) before it can be approved.",
                Blocking: true),
        ];
    }

    public static bool CanApprove(IEnumerable<CheckResult> checks) => checks.All(c => c.Passed || !c.Blocking);
}
