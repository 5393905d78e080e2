using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>A governance policy as a steward writes it: what it checks, how hard, and why.</summary>
/// <param name="Key">Stable identifier (<c>column-naming</c>); the check name in reviews and markers.</param>
/// <param name="Title">A short human name.</param>
/// <param name="Explanation">Why the policy exists; shown wherever it fires.</param>
/// <param name="Enabled">Switched on: only enabled policies are in force.</param>
/// <param name="Domain">Null for a global policy; a domain's name for a local one, in force there in addition.</param>
/// <param name="Pattern">The regular expression of a naming policy; the UTC name suffix of <see cref="PolicyKind.UtcTimestamps"/>.</param>
/// <param name="MinLength">The minimum description length of <see cref="PolicyKind.Description"/>.</param>
/// <param name="PersonalData">Per personal-data class, the action of <see cref="PolicyKind.PersonalData"/>; an absent class is allowed.</param>
public sealed record PolicyDefinition(
    string Key,
    string Title,
    PolicyKind Kind,
    PolicySeverity Severity,
    string Explanation,
    bool Enabled = true,
    string? Domain = null,
    string? Pattern = null,
    int? MinLength = null,
    IReadOnlyDictionary<PiiKind, PersonalDataAction>? PersonalData = null)
{
    public bool IsGlobal => Domain is null;

    /// <summary>Whether the policy applies to a product of <paramref name="domain"/>.</summary>
    public bool AppliesTo(string domain) => Domain is null || string.Equals(Domain, domain, StringComparison.Ordinal);

    public PersonalDataAction ActionFor(PiiKind kind) =>
        PersonalData is not null && PersonalData.TryGetValue(kind, out var action) ? action : PersonalDataAction.Allow;
}
