using System.Text.RegularExpressions;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>
/// Evaluates the policies in force on a subject. The same findings (and messages) serve the Studio's markers, the
/// deploy's refusal and the review's checks; a policy whose facts the subject does not know says nothing.
/// </summary>
public static class PolicyEvaluator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Every finding, passed ones included, of the enabled policies that apply to the subject's domain.</summary>
    public static IReadOnlyList<PolicyFinding> Evaluate(IEnumerable<PolicyDefinition> policies, PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(subject);
        return policies.Where(p => p.Enabled && p.AppliesTo(subject.Product.Domain))
            .SelectMany(p => Findings(p, subject))
            .ToList();
    }

    /// <summary>The findings grouped into one review check per policy.</summary>
    public static IReadOnlyList<CheckResult> Checks(IEnumerable<PolicyDefinition> policies, PolicySubject subject)
    {
        var findings = Evaluate(policies, subject);
        return findings.GroupBy(f => f.PolicyKey).Select(g =>
        {
            var failed = g.Where(f => !f.Passed).ToList();
            var first = g.First();
            var message = failed.Count == 0 ? first.Message : string.Join(" ", failed.Select(f => f.Message));
            return new CheckResult(g.Key, failed.Count == 0, message, first.Severity == PolicySeverity.Block, first.Explanation);
        }).ToList();
    }

    private static IEnumerable<PolicyFinding> Findings(PolicyDefinition policy, PolicySubject subject)
    {
        PolicyFinding Finding(bool passed, string message, int? offset = null) =>
            new(policy.Key, policy.Severity, passed, message, policy.Explanation, offset);

        var columns = subject.Columns;
        switch (policy.Kind)
        {
            case PolicyKind.ProductNaming:
                var name = subject.Product.Name;
                yield return Matches(policy.Pattern, name)
                    ? Finding(true, $"The product name {name} follows {policy.Pattern}.")
                    : Finding(false, $"The product name {name} does not match {policy.Pattern}.", subject.ProductOffset);
                break;
            case PolicyKind.ColumnNaming when columns is not null:
                var misnamed = columns.Where(c => !Matches(policy.Pattern, c.Name)).ToList();
                if (misnamed.Count == 0)
                    yield return Finding(true, $"Every column name follows {policy.Pattern}.");
                foreach (var column in misnamed)
                    yield return Finding(false, $"The column name {column.Name} does not match {policy.Pattern}.", column.Offset);
                break;
            case PolicyKind.UtcTimestamps when columns is not null:
                var suffix = string.IsNullOrWhiteSpace(policy.Pattern) ? "_utc" : policy.Pattern;
                var local = columns.Where(c => IsLocalTimestamp(c.Type) && !c.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)).ToList();
                if (local.Count == 0)
                    yield return Finding(true, "Every timestamp column is in UTC.");
                foreach (var column in local)
                {
                    yield return Finding(false,
                        $"The column {column.Name} is a {column.Type} without a time zone: make it TIMESTAMPTZ or name it …{suffix} to say it holds UTC.",
                        column.Offset);
                }
                break;
            case PolicyKind.Owner when subject.OwnerKnown:
                yield return string.IsNullOrWhiteSpace(subject.Owner)
                    ? Finding(false, "The product has no named owner.")
                    : Finding(true, $"Owner: {subject.Owner}.");
                break;
            case PolicyKind.Description when subject.Description is not null:
                var min = policy.MinLength ?? 0;
                var length = subject.Description.Trim().Length;
                yield return length >= min
                    ? Finding(true, "The product is described.")
                    : Finding(false, $"The description needs at least {min} characters; it has {length}.");
                break;
            case PolicyKind.ColumnDescriptions when columns is not null && subject.ColumnDescriptionsKnown:
                var undescribed = columns.Where(c => string.IsNullOrWhiteSpace(c.Description)).ToList();
                yield return undescribed.Count == 0
                    ? Finding(true, "Every column is described.")
                    : Finding(false, $"These columns have no description: {string.Join(", ", undescribed.Select(c => c.Name))}.");
                break;
            case PolicyKind.FreshnessSla when subject.HasSchedule is { } scheduled:
                yield return scheduled
                    ? Finding(true, "The product's job runs on a schedule: its freshness is promised.")
                    : Finding(false, $"{subject.Product} has no freshness SLA: its job runs only on demand. Give the job a run_interval.", subject.ProductOffset);
                break;
            case PolicyKind.Expectations when subject.ExpectationCount is { } expectations:
                yield return expectations > 0
                    ? Finding(true, $"The job checks {expectations} expectation(s).")
                    : Finding(false, $"The job writing {subject.Product} has no expectation: add at least one WITH EXPECTATION.", subject.ProductOffset);
                break;
            case PolicyKind.HasData when subject.HasData is { } hasData:
                yield return hasData
                    ? Finding(true, "The product has a committed snapshot.")
                    : Finding(false, "The product has no data yet: run its job first.");
                break;
            case PolicyKind.PersonalData when columns is not null:
                var breaches = columns.Select(c => (Column: c, Problem: PersonalProblem(policy, c))).Where(x => x.Problem is not null).ToList();
                if (breaches.Count == 0)
                    yield return Finding(true, "No column carries personal data the policy keeps in the domain.");
                foreach (var (column, problem) in breaches)
                    yield return Finding(false, problem!, column.Offset);
                break;
        }
    }

    private static string? PersonalProblem(PolicyDefinition policy, SubjectColumn column)
    {
        if (column.Personal is { } kind && policy.ActionFor(kind) is var action and not PersonalDataAction.Allow)
        {
            return action == PersonalDataAction.Drop
                ? $"Unmasked personal data leaves the domain: {column.Name} ({kind}). Drop this column from the job."
                : $"Unmasked personal data leaves the domain: {column.Name} ({kind}). {Verb(action)} it in the job (e.g. sha256({column.Name})) before it leaves the domain.";
        }
        if (column.MaskedPersonal is { } masked && policy.ActionFor(masked) == PersonalDataAction.Drop)
            return $"Personal data leaves the domain, even hashed: {column.Name} ({masked}). Drop this column from the job.";
        return null;
    }

    private static string Verb(PersonalDataAction action) => action == PersonalDataAction.Hash ? "Hash" : "Hash or mask";

    /// <summary>DuckDB's timestamps without a time zone (TIMESTAMP, TIMESTAMP_S/_MS/_NS); dates are not instants.</summary>
    private static bool IsLocalTimestamp(string? type) =>
        type is not null
        && type.StartsWith("TIMESTAMP", StringComparison.OrdinalIgnoreCase)
        && !type.Contains("TIME ZONE", StringComparison.OrdinalIgnoreCase)
        && !type.Equals("TIMESTAMPTZ", StringComparison.OrdinalIgnoreCase);

    /// <summary>A pattern is checked when saved; one that times out on a name counts as not matched.</summary>
    private static bool Matches(string? pattern, string name)
    {
        if (string.IsNullOrEmpty(pattern))
            return true;
        try
        {
            return Regex.IsMatch(name, pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
