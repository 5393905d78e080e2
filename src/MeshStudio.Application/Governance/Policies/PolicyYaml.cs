using MeshStudio.Core.Access;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>
/// Policies as a YAML file (<c>policies: [ {key, title, kind, severity, …} ]</c>), so they can live in a repository;
/// enum values are written as their names in lower case and read in any case.
/// </summary>
public static class PolicyYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static string Write(IEnumerable<PolicyDefinition> policies) =>
        Serializer.Serialize(new PolicyFile { Policies = policies.Select(PolicyEntry.From).ToList() });

    /// <summary>The policies of a file; a <see cref="RuleViolationException"/> names the line and field that cannot be read.</summary>
    public static IReadOnlyList<PolicyDefinition> Read(string yaml)
    {
        PolicyFile? file;
        try
        {
            file = Deserializer.Deserialize<PolicyFile>(yaml ?? "");
        }
        catch (YamlException e)
        {
            throw new RuleViolationException($"The policy file cannot be read at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
        }
        if (file?.Policies is not { Count: > 0 } entries)
            throw new RuleViolationException("The policy file has no policies: write them as a list under 'policies:'.");
        return entries.Select((e, i) => e.ToDefinition(i + 1)).ToList();
    }

    private sealed class PolicyFile
    {
        public List<PolicyEntry>? Policies { get; set; }
    }

    private sealed class PolicyEntry
    {
        public string? Key { get; set; }
        public string? Title { get; set; }
        public string? Kind { get; set; }
        public string? Severity { get; set; }
        public bool? Enabled { get; set; }
        public string? Domain { get; set; }
        public string? Pattern { get; set; }
        public int? MinLength { get; set; }
        public Dictionary<string, string>? PersonalData { get; set; }
        public string? Explanation { get; set; }

        public static PolicyEntry From(PolicyDefinition p) => new()
        {
            Key = p.Key,
            Title = p.Title,
            Kind = Name(p.Kind),
            Severity = Name(p.Severity),
            Enabled = p.Enabled,
            Domain = p.Domain,
            Pattern = p.Pattern,
            MinLength = p.MinLength,
            PersonalData = p.PersonalData?.ToDictionary(x => x.Key.ToString(), x => Name(x.Value)),
            Explanation = p.Explanation,
        };

        public PolicyDefinition ToDefinition(int number)
        {
            var at = $"Policy {number} ({Key ?? "without a key"})";
            return new PolicyDefinition(
                Key ?? "",
                Title ?? "",
                Parse<PolicyKind>(Kind, $"{at}: kind"),
                Parse<PolicySeverity>(Severity, $"{at}: severity"),
                Explanation ?? "",
                Enabled ?? true,
                Domain,
                Pattern,
                MinLength,
                PersonalData?.ToDictionary(x => Parse<PiiKind>(x.Key, $"{at}: personalData class"), x => Parse<PersonalDataAction>(x.Value, $"{at}: personalData.{x.Key}")));
        }

        /// <summary>An enum value in kebab case: <c>ColumnNaming</c> → <c>column-naming</c>.</summary>
        private static string Name<T>(T value) where T : struct, Enum =>
            string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

        private static T Parse<T>(string? text, string what) where T : struct, Enum =>
            Enum.TryParse<T>(text?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value
                : throw new RuleViolationException($"{what} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }
}
