using System.Text.Json;
using System.Text.Json.Serialization;
using MeshStudio.Core.Governance.Policies;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>How a policy definition is stored in the catalog: JSON with enum names, so a stored policy reads as it says.</summary>
internal static class PolicyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(PolicyDefinition policy) => JsonSerializer.Serialize(policy, Options);

    public static PolicyDefinition Read(string json) =>
        JsonSerializer.Deserialize<PolicyDefinition>(json, Options) ?? throw new InvalidOperationException("A stored policy is empty.");
}
