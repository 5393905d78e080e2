using System.Text.Json;
using System.Text.Json.Serialization;
using MeshStudio.Core.Execution;

namespace MeshStudio.Catalog.Jobs;

/// <summary>Stores a run's expectation counters as a small JSON list: <c>[{"name":…,"action":"Drop","violations":3}]</c>.</summary>
public static class ExpectationCounters
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? Serialize(IReadOnlyList<ExpectationOutcome>? outcomes) =>
        outcomes is { Count: > 0 } ? JsonSerializer.Serialize(outcomes, Json) : null;

    public static IReadOnlyList<ExpectationOutcome> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ExpectationOutcome>>(json, Json) ?? [];
}
