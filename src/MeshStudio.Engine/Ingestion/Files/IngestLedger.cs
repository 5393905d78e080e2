using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshStudio.Core.Ingestion;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Ingestion.Files;

public enum LedgerState
{
    /// <summary>Started: <see cref="LedgerEntry.BatchesDone"/> batches are known to be stored.</summary>
    Pending,
    /// <summary>Every accepted row is stored; the file may still have to be moved out of the inbox.</summary>
    Done,
    /// <summary>The file could not be read at all and was moved to the quarantine.</summary>
    Quarantined,
}

/// <summary>What the ledger knows about one inbox file (identified by path, size and modification time).</summary>
public sealed record LedgerEntry
{
    public required string Id { get; init; }
    public required string Path { get; init; }
    public long Size { get; init; }
    public long ModifiedTicks { get; init; }
    public LedgerState State { get; init; }
    public int BatchesDone { get; init; }
    public long Rows { get; init; }
    public long QuarantinedRows { get; init; }
    public string? Reason { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
}

/// <summary>
/// The small per-source ledger <c>lake/&lt;d&gt;/sources/&lt;s&gt;/_ingest/ledger.json</c>: one entry per inbox file
/// and the source's counters. Every write is a <see cref="DurableFile"/> replacing the old one, so a crash or a power
/// loss leaves the old or the new ledger, never a torn one (ADR 0009).
/// </summary>
public sealed class IngestLedger
{
    public const string FolderName = "_ingest";
    public const int KeepFinished = 500;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _path;

    private IngestLedger(string path, LedgerData data)
    {
        _path = path;
        Data = data;
    }

    public LedgerData Data { get; private set; }

    public static IngestLedger Load(string sourceDirectory)
    {
        var path = System.IO.Path.Combine(sourceDirectory, FolderName, "ledger.json");
        if (!File.Exists(path))
            return new IngestLedger(path, new LedgerData());
        var data = JsonSerializer.Deserialize<LedgerData>(File.ReadAllText(path), Json) ?? new LedgerData();
        return new IngestLedger(path, data);
    }

    public LedgerEntry? Find(string relativePath) => Data.Files.GetValueOrDefault(relativePath);

    public void Save(LedgerEntry entry, Func<FileIngestCounters, FileIngestCounters>? counters = null)
    {
        var files = new Dictionary<string, LedgerEntry>(Data.Files, StringComparer.Ordinal) { [entry.Path] = entry };
        var finished = files.Values.Where(e => e.State != LedgerState.Pending).OrderByDescending(e => e.FinishedAt).Skip(KeepFinished).ToList();
        foreach (var old in finished)
            files.Remove(old.Path);
        var next = new LedgerData { Files = files, Counters = counters is null ? Data.Counters : counters(Data.Counters) };
        Write(next);
        Data = next;
    }

    private void Write(LedgerData data) =>
        DurableFile.Write(_path, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(data, Json)), overwrite: true);

    public sealed record LedgerData
    {
        public Dictionary<string, LedgerEntry> Files { get; init; } = new(StringComparer.Ordinal);
        public FileIngestCounters Counters { get; init; } = FileIngestCounters.Empty;
    }
}
