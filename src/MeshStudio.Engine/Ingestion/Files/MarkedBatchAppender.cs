using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// Appends a file's accepted JSON lines to the source in numbered batches (one segment each), crash-safe: every
/// stored line carries the batch marker <c>&lt;file id&gt;/&lt;batch&gt;</c> and the ledger records each batch after it
/// is stored. A retry skips the batches a previous attempt stored (<see cref="ResumePoint"/>) without storing them again.
/// </summary>
internal sealed class MarkedBatchAppender(
    IEventStore store, QualifiedName source, IngestLedger ledger, LedgerEntry entry, int batchRows, Action<int>? afterAppend)
{
    private readonly List<string> _batch = [];

    /// <summary>Rows of the file that are stored (including those of skipped batches).</summary>
    public long Rows { get; private set; }

    /// <summary>Batches the file has had so far.</summary>
    public int Batches { get; private set; }

    /// <summary>
    /// The number of batches of the entry's file that are stored: those the ledger has, and any further ones a crash
    /// cut short before the ledger recorded them.
    /// </summary>
    public static int ResumePoint(string sourceDirectory, LedgerEntry entry)
    {
        var stored = entry.BatchesDone;
        while (BatchStored(sourceDirectory, entry.Id, stored, entry.StartedAt))
            stored++;
        return stored;
    }

    /// <summary>Adds one JSON line (an object); a full batch is appended.</summary>
    public async Task AddAsync(string line, CancellationToken ct)
    {
        _batch.Add(line);
        if (_batch.Count >= batchRows)
            await FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Appends the last, partial batch.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_batch.Count > 0)
            await FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var number = Batches++;
        // Batches below the entry's BatchesDone were stored before a crash.
        if (number >= entry.BatchesDone)
        {
            var marker = $",\"{SourceSchema.BatchMarker}\":\"{entry.Id}/{number}\"}}";
            var lines = _batch.Select(l => l == "{}" ? $"{{{marker[1..]}" : string.Concat(l.AsSpan(0, l.Length - 1), marker)).ToList();
            await store.AppendAsync(source, lines, ct).ConfigureAwait(false);
            afterAppend?.Invoke(number);
            ledger.Save(entry with { BatchesDone = number + 1 });
        }
        Rows += _batch.Count;
        _batch.Clear();
    }

    /// <summary>True when a stored file of the source (written since the entry started) carries the batch's marker.</summary>
    private static bool BatchStored(string sourceDir, string id, int number, DateTime startedAt)
    {
        var marker = $"\"{SourceSchema.BatchMarker}\":\"{id}/{number}\"";
        foreach (var name in SourceFiles.Scan(sourceDir).VisibleNames)
        {
            if (SourceFiles.TryParseTime(name, out var at) && at < startedAt.AddMinutes(-1))
                continue;
            try
            {
                if (File.ReadLines(Path.Combine(sourceDir, name)).Any(l => l.Contains(marker, StringComparison.Ordinal)))
                    return true;
            }
            catch (FileNotFoundException)
            {
                // compacted away meanwhile: its lines are in the compacted file, which is scanned too
            }
        }
        return false;
    }
}
