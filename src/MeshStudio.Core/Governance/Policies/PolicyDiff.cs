using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>What changed between two versions of a policy, one <c>field: before → after</c> line per field.</summary>
public static class PolicyDiff
{
    public static IReadOnlyList<string> Between(PolicyDefinition? before, PolicyDefinition after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        void Field(string name, object? old, object? now)
        {
            var a = Show(old);
            var b = Show(now);
            if (before is null)
                lines.Add($"{name}: {b}");
            else if (a != b)
                lines.Add($"{name}: {a} → {b}");
        }

        Field("title", before?.Title, after.Title);
        Field("kind", before?.Kind, after.Kind);
        Field("severity", before?.Severity, after.Severity);
        Field("enabled", before?.Enabled, after.Enabled);
        Field("domain", before?.Domain ?? "(global)", after.Domain ?? "(global)");
        Field("pattern", before?.Pattern, after.Pattern);
        Field("minLength", before?.MinLength, after.MinLength);
        foreach (var kind in Enum.GetValues<PiiKind>())
        {
            var old = before?.PersonalData?.GetValueOrDefault(kind);
            var now = after.PersonalData?.GetValueOrDefault(kind);
            if (old is not null || now is not null)
                Field($"personalData.{kind}", old, now);
        }
        Field("explanation", before?.Explanation, after.Explanation);
        return lines;
    }

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "on" : "off",
        Enum e => e.ToString().ToLowerInvariant(),
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "",
    };
}
