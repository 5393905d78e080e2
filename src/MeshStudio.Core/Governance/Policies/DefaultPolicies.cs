using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>
/// The policies every catalog starts with. The first four are the review's original checks, switched on and
/// blocking as before; the others are switched off until a steward turns them on.
/// </summary>
public static class DefaultPolicies
{
    public const int MinDescriptionLength = 20;

    public static IReadOnlyList<PolicyDefinition> All { get; } =
    [
        new("owner-present", "Products have an owner", PolicyKind.Owner, PolicySeverity.Block,
            "Consumers need a person to ask; a product without an owner cannot be supported."),
        new("description-present", "Products are described", PolicyKind.Description, PolicySeverity.Block,
            "Consumers choose products by their description in the marketplace.", MinLength: MinDescriptionLength),
        new("has-data", "Products have data", PolicyKind.HasData, PolicySeverity.Block,
            "An empty product cannot be checked or used: run its job before publishing."),
        new("pii-masked", "Personal data stays in its domain", PolicyKind.PersonalData, PolicySeverity.Block,
            "Personal data is masked or hashed before a product leaves its domain.",
            PersonalData: Enum.GetValues<PiiKind>().ToDictionary(k => k, _ => PersonalDataAction.Mask)),
        new("product-naming", "Product names are snake_case", PolicyKind.ProductNaming, PolicySeverity.Warn,
            "Names in snake_case are written the same way in every query.", Enabled: false, Pattern: "^[a-z][a-z0-9_]*$"),
        new("column-naming", "Column names are snake_case", PolicyKind.ColumnNaming, PolicySeverity.Warn,
            "Names in snake_case are written the same way in every query.", Enabled: false, Pattern: "^[a-z][a-z0-9_]*$"),
        new("utc-timestamps", "Timestamps are in UTC", PolicyKind.UtcTimestamps, PolicySeverity.Warn,
            "Domains in different time zones compare instants only in UTC.", Enabled: false, Pattern: "_utc"),
        new("column-descriptions", "Columns are described", PolicyKind.ColumnDescriptions, PolicySeverity.Warn,
            "Consumers read what a column means next to its name.", Enabled: false),
        new("freshness-sla", "Products promise freshness", PolicyKind.FreshnessSla, PolicySeverity.Warn,
            "Consumers rely on data refreshed on a schedule they know.", Enabled: false),
        new("has-expectation", "Jobs check their data", PolicyKind.Expectations, PolicySeverity.Warn,
            "At least one expectation keeps bad rows out of a product.", Enabled: false),
    ];
}
