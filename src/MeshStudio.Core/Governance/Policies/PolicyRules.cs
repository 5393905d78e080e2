using System.Text.RegularExpressions;
using MeshStudio.Core.Access;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>
/// What a policy must be to be saved: complete for its kind, and, for a domain's local policy, never weaker than the
/// global policies of its kind in force (a local policy adds to them; it cannot relax them).
/// </summary>
public static partial class PolicyRules
{
    public const int MaxExplanationLength = 1000;
    public const int MaxTitleLength = 200;
    public const int MaxPatternLength = 500;

    /// <summary>The definition, trimmed; a <see cref="RuleViolationException"/> says what is wrong.</summary>
    public static PolicyDefinition Check(PolicyDefinition policy, IEnumerable<PolicyDefinition> globals)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var clean = policy with
        {
            Key = (policy.Key ?? "").Trim(),
            Title = (policy.Title ?? "").Trim(),
            Explanation = (policy.Explanation ?? "").Trim(),
            Domain = string.IsNullOrWhiteSpace(policy.Domain) ? null : policy.Domain.Trim(),
            Pattern = string.IsNullOrWhiteSpace(policy.Pattern) ? null : policy.Pattern.Trim(),
        };
        if (!KeyPattern().IsMatch(clean.Key))
            throw new RuleViolationException($"'{clean.Key}' is not a valid policy key: use lower-case letters, digits and hyphens, starting with a letter (at most 60).");
        if (clean.Title.Length is 0 or > MaxTitleLength)
            throw new RuleViolationException($"Give the policy a title of at most {MaxTitleLength} characters.");
        if (clean.Explanation.Length is 0 or > MaxExplanationLength)
            throw new RuleViolationException($"Explain why the policy exists (at most {MaxExplanationLength} characters): it is shown wherever it fires.");
        if (!Enum.IsDefined(clean.Kind) || !Enum.IsDefined(clean.Severity))
            throw new RuleViolationException("Unknown policy kind or severity.");
        CheckParameters(clean);
        if (!clean.IsGlobal && clean.Enabled)
            CheckStricter(clean, globals);
        return clean;
    }

    private static void CheckParameters(PolicyDefinition policy)
    {
        switch (policy.Kind)
        {
            case PolicyKind.ProductNaming or PolicyKind.ColumnNaming:
                if (policy.Pattern is null)
                    throw new RuleViolationException("A naming policy needs a pattern (a regular expression, e.g. ^[a-z][a-z0-9_]*$).");
                CheckRegex(policy.Pattern);
                break;
            case PolicyKind.UtcTimestamps when policy.Pattern is { Length: > MaxPatternLength }:
                throw new RuleViolationException($"The UTC name suffix may have at most {MaxPatternLength} characters.");
            case PolicyKind.Description when policy.MinLength is not (>= 1 and <= 10_000):
                throw new RuleViolationException("A description policy needs a minimum length between 1 and 10000 characters.");
            case PolicyKind.PersonalData when policy.PersonalData is not { Count: > 0 }:
                throw new RuleViolationException("A personal-data policy says, for at least one class (Email, Phone, …), whether to mask, hash, drop or allow it.");
            case PolicyKind.PersonalData when policy.PersonalData.Any(p => !Enum.IsDefined(p.Key) || !Enum.IsDefined(p.Value)):
                throw new RuleViolationException("Unknown personal-data class or action.");
        }
    }

    private static void CheckRegex(string pattern)
    {
        if (pattern.Length > MaxPatternLength)
            throw new RuleViolationException($"The pattern may have at most {MaxPatternLength} characters.");
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException e)
        {
            throw new RuleViolationException($"The pattern is not a regular expression: {e.Message}");
        }
    }

    /// <summary>A local policy may not be a warning where a global one of its kind blocks, nor ask less than it.</summary>
    private static void CheckStricter(PolicyDefinition local, IEnumerable<PolicyDefinition> globals)
    {
        foreach (var global in globals.Where(g => g.IsGlobal && g.Enabled && g.Kind == local.Kind))
        {
            var weaker = new List<string>();
            if (local.Severity < global.Severity)
                weaker.Add($"it warns where {global.Key} blocks");
            if (local.Kind == PolicyKind.Description && local.MinLength < global.MinLength)
                weaker.Add($"it asks for {local.MinLength} characters where {global.Key} asks for {global.MinLength}");
            if (local.Kind == PolicyKind.PersonalData)
            {
                // The classes it does not name stay as the global policy says: both are in force.
                weaker.AddRange((local.PersonalData?.Keys ?? [])
                    .Where(k => local.ActionFor(k) < global.ActionFor(k))
                    .Select(k => $"it would {local.ActionFor(k).ToString().ToLowerInvariant()} {k} where {global.Key} asks to {global.ActionFor(k).ToString().ToLowerInvariant()} it"));
            }
            if (weaker.Count > 0)
            {
                throw new RuleViolationException(
                    $"A domain's policy may only be stricter than the global ones, but {string.Join("; ", weaker)}.");
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,59}$")]
    private static partial Regex KeyPattern();
}
