using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;

namespace MeshStudio.Web.Features.Governance;

/// <summary>What a steward is editing on the policies page: a policy's fields as the form binds them.</summary>
public sealed class PolicyForm
{
    public bool IsNew { get; init; }
    public int? Version { get; init; }
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public PolicyKind Kind { get; set; } = PolicyKind.ColumnNaming;
    public PolicySeverity Severity { get; set; } = PolicySeverity.Block;
    public bool Enabled { get; set; } = true;
    public string? Domain { get; set; }
    public string? Pattern { get; set; }
    public int? MinLength { get; set; }
    public string Explanation { get; set; } = "";
    public Dictionary<PiiKind, PersonalDataAction> PersonalData { get; } = Enum.GetValues<PiiKind>().ToDictionary(k => k, _ => PersonalDataAction.Allow);
    public string? TestTarget { get; set; }

    public static PolicyForm New() => new() { IsNew = true };

    public static PolicyForm Of(PolicyDefinition policy, int version)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var form = new PolicyForm
        {
            Version = version,
            Key = policy.Key,
            Title = policy.Title,
            Kind = policy.Kind,
            Severity = policy.Severity,
            Enabled = policy.Enabled,
            Domain = policy.Domain,
            Pattern = policy.Pattern,
            MinLength = policy.MinLength,
            Explanation = policy.Explanation,
        };
        foreach (var kind in Enum.GetValues<PiiKind>())
            form.PersonalData[kind] = policy.ActionFor(kind);
        return form;
    }

    public bool UsesPattern => Kind is PolicyKind.ProductNaming or PolicyKind.ColumnNaming or PolicyKind.UtcTimestamps;

    public PolicyDefinition ToDefinition() => new(
        Key, Title, Kind, Severity, Explanation, Enabled, string.IsNullOrWhiteSpace(Domain) ? null : Domain,
        UsesPattern ? Pattern : null,
        Kind == PolicyKind.Description ? MinLength : null,
        Kind == PolicyKind.PersonalData ? new Dictionary<PiiKind, PersonalDataAction>(PersonalData) : null);
}
