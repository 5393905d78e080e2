using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MeshStudio.Application.Execution.Incremental;

/// <summary>How far a job has read one source, and the newest event time it has seen there (for the watermark).</summary>
public sealed record SourceCheckpoint(long Position, DateTime? MaxEventTime);

/// <summary>
/// A job's checkpoint (stored as JSON on the job, committed with each snapshot): per source the position read up
/// to, the mode the product was built in, and a fingerprint of the job's SQL. A checkpoint whose mode or SQL differ
/// from the job's now is not built on: the job starts over from the beginning.
/// </summary>
public sealed record JobCheckpoint(IReadOnlyDictionary<string, SourceCheckpoint> Sources, string? Mode, string? Fingerprint)
{
    /// <summary>The stored text that asks for a run from the beginning (a backfill or a new version).</summary>
    public const string BeginningText = "{}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JobCheckpoint Beginning { get; } = new(new Dictionary<string, SourceCheckpoint>(), null, null);

    /// <summary>True when no input has been read yet.</summary>
    public bool IsBeginning => Sources.Count == 0 && Mode is null;

    public SourceCheckpoint For(string source) => Sources.GetValueOrDefault(source) ?? new SourceCheckpoint(0, null);

    /// <summary>The checkpoint in <paramref name="text"/>; null for a job that never ran.</summary>
    public static JobCheckpoint? Parse(string? text)
    {
        if (text is null)
            return null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == BeginningText)
            return Beginning;
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(text, Json);
            return stored is null ? Beginning : new JobCheckpoint(stored.Sources ?? [], stored.Mode, stored.Fingerprint);
        }
        catch (JsonException)
        {
            return Beginning;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(new Stored(Sources.ToDictionary(), Mode, Fingerprint), Json);

    /// <summary>A short fingerprint of a job's SQL.</summary>
    public static string FingerprintOf(string definition) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(definition)))[..16];

    private sealed record Stored(Dictionary<string, SourceCheckpoint>? Sources, string? Mode, string? Fingerprint);
}
