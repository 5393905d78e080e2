using System.Collections.Concurrent;
using DuckDB.NET.Data;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>Applies a schema change to the catalog before any row of the new shape is stored.</summary>
public delegate Task SchemaUpdate(SchemaReconciliation schema, CancellationToken cancellationToken);

/// <summary>
/// Ingests inbox files of file sources exactly once (ADR 0009). A file is read record by record (JSON lines
/// and CSV in .NET for exact line numbers, Parquet by DuckDB), staged as text in a private DuckDB session that may
/// read only the domain inbox, typed there against the source's schema (inferred from the first file, widened by
/// later ones), converted to JSON lines and appended through <see cref="IEventStore"/> in batches. Rows that do not
/// fit go to the source's quarantine with the reason; a file that cannot be read at all is moved there whole.
/// Progress is recorded in the source's <see cref="IngestLedger"/>; every stored line carries a batch marker so a
/// retry after a crash recognises a batch that was stored but not yet recorded.
/// This class keeps the per-file ledger states and the outcome; finding and moving files is <see cref="InboxFiles"/>,
/// reading and typing is <see cref="FileConversion"/>, storing batches is <see cref="MarkedBatchAppender"/>.
/// </summary>
public sealed class FileIngester
{
    public const string IngestedFolder = "_ingested";
    public const string UploadsFolder = "_uploads";
    public const string QuarantineFolder = "_quarantine";
    public const int MaxReasonsReported = 20;

    private readonly LakeLayout _layout;
    private readonly LakeOptions _options;
    private readonly IEventStore _store;
    private readonly TimeProvider _time;
    private readonly InboxFiles _inbox;
    private readonly ConcurrentDictionary<QualifiedName, SemaphoreSlim> _locks = new();

    public FileIngester(LakeOptions options, IEventStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _layout = new LakeLayout(options);
        _store = store;
        _time = time;
        _inbox = new InboxFiles(_layout, time);
    }

    /// <summary>Rows per appended batch (one segment each).</summary>
    public int BatchRows { get; init; } = 50_000;

    /// <summary>Test hook: runs after a batch was appended and before the ledger records it (a crash there).</summary>
    internal Action<int>? AfterAppend { get; set; }

    /// <summary>The folder a source's uploads are written to before they are ingested.</summary>
    public string UploadDirectory(QualifiedName source) => _inbox.UploadDirectory(source);

    /// <summary>An upload written to <paramref name="path"/> (in <see cref="UploadDirectory"/>), as a file of the domain's inbox.</summary>
    public InboxFile UploadedFile(QualifiedName source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        return InboxFile.Of(_layout.InboxDirectory(source.Domain), path);
    }

    /// <summary>The source's counters (files, rows, quarantined rows and files).</summary>
    public FileIngestCounters Counters(QualifiedName source) =>
        IngestLedger.Load(_layout.SourceDirectory(source)).Data.Counters;

    /// <summary>Files of the source that are waiting: matching its glob (or in its upload folder) and settled.</summary>
    public IReadOnlyList<InboxFile> Pending(FileSourceSpec spec, TimeSpan settle)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _inbox.Pending(spec, settle);
    }

    /// <summary>The newest quarantined rows of a source (newest files first), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<QuarantinedRow> ReadQuarantine(QualifiedName source, int limit) =>
        QuarantineWriter.Read(Path.Combine(_layout.SourceDirectory(source), QuarantineFolder), limit);

    /// <summary>
    /// Ingests one file of the source (one file per source at a time) and moves it out of the inbox: to
    /// <c>inbox/_ingested/…</c>, or to the source's quarantine when it cannot be read at all.
    /// </summary>
    public async Task<FileIngestResult> IngestAsync(FileSourceSpec spec, InboxFile file, SchemaUpdate updateSchema, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(updateSchema);
        var gate = _locks.GetOrAdd(spec.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await IngestLockedAsync(spec, file, updateSchema, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<FileIngestResult> IngestLockedAsync(FileSourceSpec spec, InboxFile file, SchemaUpdate updateSchema, CancellationToken ct)
    {
        var sourceDir = _layout.SourceDirectory(spec.Name);
        var ledger = IngestLedger.Load(sourceDir);
        var id = file.Id;
        var entry = ledger.Find(file.RelativePath);
        if (entry is not null && entry.Id == id && entry.State != LedgerState.Pending)
        {
            // Ingested before; only the move out of the inbox was cut short.
            if (File.Exists(file.FullPath))
                _inbox.MoveOut(spec, file, entry.State == LedgerState.Quarantined);
            return new FileIngestResult(file.RelativePath, entry.Rows, entry.QuarantinedRows, entry.State == LedgerState.Quarantined,
                entry.Reason, [], [], AlreadyIngested: true);
        }
        if (!File.Exists(file.FullPath))
            throw new FileNotFoundException($"The file {file.RelativePath} is no longer in the inbox.", file.RelativePath);

        var now = _time.GetUtcNow().UtcDateTime;
        if (entry is not null && entry.Id == id)
        {
            // A crash during this file: batches the ledger has are stored; the next one may be too.
            entry = entry with { BatchesDone = MarkedBatchAppender.ResumePoint(sourceDir, entry) };
        }
        else
        {
            entry = new LedgerEntry { Id = id, Path = file.RelativePath, Size = file.Size, ModifiedTicks = file.ModifiedUtc.Ticks, StartedAt = now };
        }
        ledger.Save(entry);

        using var quarantine = new QuarantineWriter(Path.Combine(sourceDir, QuarantineFolder), id, file.RelativePath, now);
        try
        {
            var appender = new MarkedBatchAppender(_store, spec.Name, ledger, entry, BatchRows, number => AfterAppend?.Invoke(number));
            var changes = await FileConversion.ConvertAsync(_options, _layout.InboxDirectory(spec.Name.Domain), spec, file, quarantine, updateSchema,
                appender, ct).ConfigureAwait(false);
            quarantine.Commit();
            var done = entry with
            {
                State = LedgerState.Done,
                BatchesDone = appender.Batches,
                Rows = appender.Rows,
                QuarantinedRows = quarantine.Count,
                FinishedAt = _time.GetUtcNow().UtcDateTime,
            };
            ledger.Save(done, c => c with
            {
                Files = c.Files + 1,
                Rows = c.Rows + appender.Rows,
                QuarantinedRows = c.QuarantinedRows + quarantine.Count,
                LastFileAt = done.FinishedAt,
            });
            _inbox.MoveOut(spec, file, quarantined: false);
            return new FileIngestResult(file.RelativePath, appender.Rows, quarantine.Count, false, null, quarantine.Reasons, changes);
        }
        catch (Exception e) when (e is CorruptFileException or DuckDBException)
        {
            // The file as a whole cannot be read: nothing of it was stored (readers fail before the first append).
            var reason = e is CorruptFileException ? e.Message : $"The file cannot be read: {FirstLine(e.Message)}";
            quarantine.Discard();
            using var whole = new QuarantineWriter(Path.Combine(sourceDir, QuarantineFolder), id, file.RelativePath, now);
            whole.Add(null, reason, null);
            whole.Commit();
            ledger.Save(entry with { State = LedgerState.Quarantined, Reason = reason, FinishedAt = _time.GetUtcNow().UtcDateTime },
                c => c with { QuarantinedFiles = c.QuarantinedFiles + 1, LastFileAt = _time.GetUtcNow().UtcDateTime });
            _inbox.MoveOut(spec, file, quarantined: true);
            return new FileIngestResult(file.RelativePath, 0, 0, true, reason, [reason], []);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
