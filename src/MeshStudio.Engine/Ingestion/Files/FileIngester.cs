using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>Applies a schema change to the catalog before any row of the new shape is stored.</summary>
public delegate Task SchemaUpdate(SchemaReconciliation schema, CancellationToken cancellationToken);

/// <summary>
/// Ingests inbox files of file sources exactly once (C2, ADR 0009). A file is read record by record (JSON lines
/// and CSV in .NET for exact line numbers, Parquet by DuckDB), staged as text in a private DuckDB session that may
/// read only the domain inbox, typed there against the source's schema (inferred from the first file, widened by
/// later ones), converted to JSON lines and appended through <see cref="IEventStore"/> in batches. Rows that do not
/// fit go to the source's quarantine with the reason; a file that cannot be read at all is moved there whole.
/// Progress is recorded in the source's <see cref="IngestLedger"/>; every stored line carries a batch marker so a
/// retry after a crash recognises a batch that was stored but not yet recorded.
/// </summary>
public sealed class FileIngester
{
    public const string IngestedFolder = "_ingested";
    public const string UploadsFolder = "_uploads";
    public const string QuarantineFolder = "_quarantine";
    public const int MaxReasonsReported = 20;

    private const string LineColumn = "__mesh_line";
    private const string RawColumn = "__mesh_raw";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly LakeLayout _layout;
    private readonly LakeOptions _options;
    private readonly IEventStore _store;
    private readonly TimeProvider _time;
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
    }

    /// <summary>Rows per appended batch (one segment each).</summary>
    public int BatchRows { get; init; } = 50_000;

    /// <summary>Test hook: runs after a batch was appended and before the ledger records it (a crash there).</summary>
    internal Action<int>? AfterAppend { get; set; }

    /// <summary>The folder a source's uploads are written to before they are ingested.</summary>
    public string UploadDirectory(QualifiedName source) =>
        Path.Combine(_layout.InboxDirectory(source.Domain), UploadsFolder, source.Name);

    /// <summary>The source's counters (files, rows, quarantined rows and files).</summary>
    public FileIngestCounters Counters(QualifiedName source) =>
        IngestLedger.Load(_layout.SourceDirectory(source)).Data.Counters;

    /// <summary>Files of the source that are waiting: matching its glob (or in its upload folder) and settled.</summary>
    public IReadOnlyList<InboxFile> Pending(FileSourceSpec spec, TimeSpan settle)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inbox = _layout.InboxDirectory(spec.Name.Domain);
        var now = _time.GetUtcNow().UtcDateTime;
        return InboxGlob.Match(inbox, spec.Glob)
            .Concat(Directory.Exists(UploadDirectory(spec.Name))
                ? Directory.EnumerateFiles(UploadDirectory(spec.Name)).Where(f => !Path.GetFileName(f).StartsWith('.'))
                : [])
            .Distinct(StringComparer.Ordinal)
            .Select(f => InboxFile.Of(inbox, f))
            .Where(f => now - f.ModifiedUtc >= settle)
            .OrderBy(f => f.ModifiedUtc).ThenBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

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
                MoveOut(spec, file, entry.State == LedgerState.Quarantined);
            return new FileIngestResult(file.RelativePath, entry.Rows, entry.QuarantinedRows, entry.State == LedgerState.Quarantined,
                entry.Reason, [], [], AlreadyIngested: true);
        }
        if (!File.Exists(file.FullPath))
            throw new FileNotFoundException($"The file {file.RelativePath} is no longer in the inbox.", file.RelativePath);

        var now = _time.GetUtcNow().UtcDateTime;
        var skipBatches = 0;
        if (entry is not null && entry.Id == id)
        {
            // A crash during this file: batches the ledger has are stored; the next one may be too.
            skipBatches = entry.BatchesDone;
            while (BatchStored(sourceDir, id, skipBatches, entry.StartedAt))
                skipBatches++;
            entry = entry with { BatchesDone = skipBatches };
        }
        else
        {
            entry = new LedgerEntry { Id = id, Path = file.RelativePath, Size = file.Size, ModifiedTicks = file.ModifiedUtc.Ticks, StartedAt = now };
        }
        ledger.Save(entry);

        var quarantine = new QuarantineWriter(Path.Combine(sourceDir, QuarantineFolder), id, file.RelativePath, now);
        try
        {
            var converted = await ConvertAsync(spec, file, quarantine, updateSchema, skipBatches, entry, ledger, ct).ConfigureAwait(false);
            quarantine.Commit();
            var done = entry with
            {
                State = LedgerState.Done,
                BatchesDone = converted.Batches,
                Rows = converted.Rows,
                QuarantinedRows = quarantine.Count,
                FinishedAt = _time.GetUtcNow().UtcDateTime,
            };
            ledger.Save(done, c => c with
            {
                Files = c.Files + 1,
                Rows = c.Rows + converted.Rows,
                QuarantinedRows = c.QuarantinedRows + quarantine.Count,
                LastFileAt = done.FinishedAt,
            });
            MoveOut(spec, file, quarantined: false);
            return new FileIngestResult(file.RelativePath, converted.Rows, quarantine.Count, false, null, quarantine.Reasons, converted.Changes);
        }
        catch (Exception e) when (e is CorruptFileException or DuckDBException)
        {
            // The file as a whole cannot be read: nothing of it was stored (readers fail before the first append).
            var reason = e is CorruptFileException ? e.Message : $"The file cannot be read: {FirstLine(e.Message)}";
            quarantine.Discard();
            var whole = new QuarantineWriter(Path.Combine(sourceDir, QuarantineFolder), id, file.RelativePath, now);
            whole.Add(null, reason, null);
            whole.Commit();
            ledger.Save(entry with { State = LedgerState.Quarantined, Reason = reason, FinishedAt = _time.GetUtcNow().UtcDateTime },
                c => c with { QuarantinedFiles = c.QuarantinedFiles + 1, LastFileAt = _time.GetUtcNow().UtcDateTime });
            MoveOut(spec, file, quarantined: true);
            return new FileIngestResult(file.RelativePath, 0, 0, true, reason, [reason], []);
        }
        catch
        {
            quarantine.Discard();
            throw;
        }
    }

    private sealed record Conversion(long Rows, int Batches, IReadOnlyList<SchemaChange> Changes);

    private async Task<Conversion> ConvertAsync(FileSourceSpec spec, InboxFile file, QuarantineWriter quarantine, SchemaUpdate updateSchema,
        int skipBatches, LedgerEntry entry, IngestLedger ledger, CancellationToken ct)
    {
        var format = spec.Format.Trim().ToLowerInvariant();
        var inbox = _layout.InboxDirectory(spec.Name.Domain);
        var temp = Path.Combine(Path.GetTempPath(), "meshstudio-ingest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            using var connection = OpenSession(inbox, temp);
            bool text;
            IReadOnlyList<string> fileColumns;
            switch (format)
            {
                case "parquet":
                    text = false;
                    Execute(connection, $"CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS {LineColumn}, * FROM read_parquet({SqlText.PathLiteral(file.FullPath)})");
                    fileColumns = Describe(connection).Where(c => c.Name != LineColumn).Select(c => c.Name).ToList();
                    break;
                case "csv" or "json" or "ndjson" or "jsonl":
                    text = true;
                    fileColumns = StageText(connection, file, format == "csv", quarantine);
                    break;
                default:
                    throw new CorruptFileException($"Format '{spec.Format}' cannot be ingested; use json, csv or parquet.");
            }
            fileColumns = fileColumns.Where(c => !c.StartsWith("__mesh_", StringComparison.Ordinal)).ToList();

            var fileSchema = InferTypes(connection, fileColumns, text);
            var reconciled = SourceSchema.Reconcile(spec.Columns, spec.Inferred, fileSchema);
            if (reconciled.Changes.Count > 0 || spec.Columns.Count == 0)
                await updateSchema(reconciled, ct).ConfigureAwait(false);

            return await AppendConvertedAsync(spec.Name, connection, reconciled, fileColumns, text, quarantine, skipBatches, entry, ledger, ct).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private DuckDBConnection OpenSession(string inbox, string temp)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            var limits = _options.Limits;
            Execute(connection, "SET autoinstall_known_extensions=false");
            Execute(connection, "SET autoload_known_extensions=false");
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET memory_limit='{Math.Max(64, limits.MemoryLimitMb)}MB'"));
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET threads={Math.Max(1, limits.Threads)}"));
            Execute(connection, $"SET temp_directory={SqlText.PathLiteral(temp)}");
            var allowed = new[] { inbox, temp }.Select(d => Path.TrimEndingDirectorySeparator(d).Replace('\\', '/') + "/");
            Execute(connection, $"SET allowed_directories=[{string.Join(", ", allowed.Select(SqlText.Literal))}]");
            Execute(connection, "SET enable_external_access=false");
            Execute(connection, "SET lock_configuration=true");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Reads a text file into <c>raw</c> (every field VARCHAR); unreadable records go to the quarantine.</summary>
    private static List<string> StageText(DuckDBConnection connection, InboxFile file, bool csv, QuarantineWriter quarantine)
    {
        RefuseBinary(file);
        var columns = new List<string>();
        if (!csv)
        {
            // A first pass collects the keys (in order of first appearance), so the staging table has them all.
            using var scan = File.OpenRead(file.FullPath);
            foreach (var _ in TextRecords.ReadJsonLines(scan, columns))
            {
            }
        }
        using var stream = File.OpenRead(file.FullPath);
        var header = new List<string>();
        var records = csv ? TextRecords.ReadCsv(stream, header) : TextRecords.ReadJsonLines(stream, [.. columns]);
        using var enumerator = records.GetEnumerator();
        var hasFirst = enumerator.MoveNext(); // reads the CSV header
        if (csv)
            columns = header;
        var ddl = new StringBuilder($"CREATE TEMP TABLE raw ({LineColumn} BIGINT, {RawColumn} VARCHAR");
        foreach (var column in columns)
            ddl.Append(", ").Append(SqlText.Identifier(column)).Append(" VARCHAR");
        Execute(connection, ddl.Append(')').ToString());
        if (!hasFirst)
            return columns;
        using (var appender = connection.CreateAppender("raw"))
        {
            do
            {
                var record = enumerator.Current;
                if (record.Error is not null)
                {
                    quarantine.Add(record.Line, $"line {record.Line}: {record.Error}", record.Raw);
                    continue;
                }
                var row = appender.CreateRow().AppendValue(record.Line).AppendValue(record.Raw);
                foreach (var column in columns)
                    row.AppendValue(record.Fields!.GetValueOrDefault(column));
                row.EndRow();
            }
            while (enumerator.MoveNext());
        }
        return columns;
    }

    private static void RefuseBinary(InboxFile file)
    {
        using var stream = File.OpenRead(file.FullPath);
        var head = new byte[8192];
        var read = stream.Read(head, 0, head.Length);
        if (head.AsSpan(0, read).IndexOf((byte)0) >= 0)
            throw new CorruptFileException("The file is binary (it contains NUL bytes), not JSON lines or CSV text.");
    }

    /// <summary>The type of each file column: for text, the narrowest lattice type every non-empty value fits.</summary>
    private static List<ColumnSchema> InferTypes(DuckDBConnection connection, IReadOnlyList<string> columns, bool text)
    {
        var described = Describe(connection).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        if (!text || columns.Count == 0)
            return columns.Select(c => new ColumnSchema(c, SourceSchema.Normalise(described[c]) ?? "VARCHAR")).ToList();

        string[] candidates = ["BOOLEAN", "INTEGER", "BIGINT", "DOUBLE", "DATE", "TIMESTAMP"];
        var select = new StringBuilder("SELECT ");
        var parts = new List<string>();
        foreach (var column in columns)
        {
            var v = $"NULLIF(trim({SqlText.Identifier(column)}), '')";
            parts.Add($"count({v})");
            parts.AddRange(candidates.Select(type => $"coalesce(bool_and({v} IS NULL OR coalesce({Fits(v, type)}, false)), true)"));
        }
        select.AppendJoin(", ", parts).Append(" FROM raw");
        using var command = connection.CreateCommand();
        command.CommandText = select.ToString();
        using var reader = command.ExecuteReader();
        reader.Read();
        var result = new List<ColumnSchema>();
        for (var i = 0; i < columns.Count; i++)
        {
            var offset = i * (candidates.Length + 1);
            var count = Convert.ToInt64(reader.GetValue(offset), CultureInfo.InvariantCulture);
            if (count == 0)
            {
                // No value to go by: keeps the source's type, or text when the column is new.
                result.Add(new ColumnSchema(columns[i], "NULL"));
                continue;
            }
            var type = "VARCHAR";
            for (var j = 0; j < candidates.Length; j++)
            {
                if (reader.GetBoolean(offset + 1 + j))
                {
                    type = candidates[j];
                    break;
                }
            }
            result.Add(new ColumnSchema(columns[i], type));
        }
        return result;
    }

    /// <summary>A predicate: the non-null text <paramref name="v"/> is a valid <paramref name="type"/>.</summary>
    private static string Fits(string v, string type) => type switch
    {
        "BOOLEAN" => $"lower({v}) IN ('true', 'false')",
        "INTEGER" or "BIGINT" => $"(regexp_full_match({v}, '[+-]?[0-9]+') AND TRY_CAST({v} AS {type}) IS NOT NULL)",
        "DOUBLE" => $"isfinite(TRY_CAST({v} AS DOUBLE))",
        "DATE" => $"(regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND TRY_CAST({v} AS DATE) IS NOT NULL)",
        "TIMESTAMP" => $"(regexp_matches({v}, '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[ T][0-9]') AND TRY_CAST({v} AS TIMESTAMP) IS NOT NULL)",
        _ => "true",
    };

    /// <summary>The typed value of a staged column as <paramref name="type"/>, NULL when it does not fit.</summary>
    private static string Converted(string column, string type, bool text)
    {
        var c = SqlText.Identifier(column);
        var lattice = SourceSchema.Normalise(type);
        if (lattice == "VARCHAR")
            return $"CAST({c} AS VARCHAR)";
        if (!text)
            return lattice == "DOUBLE" ? $"CASE WHEN isfinite(TRY_CAST({c} AS DOUBLE)) THEN TRY_CAST({c} AS DOUBLE) END" : $"TRY_CAST({c} AS {type})";
        var v = $"NULLIF(trim({c}), '')";
        return lattice switch
        {
            "BOOLEAN" or "INTEGER" or "BIGINT" or "DATE" or "TIMESTAMP" => $"CASE WHEN {Fits(v, lattice)} THEN TRY_CAST({v} AS {lattice}) END",
            "DOUBLE" => $"CASE WHEN {Fits(v, lattice)} THEN TRY_CAST({v} AS DOUBLE) END",
            _ => $"TRY_CAST({v} AS {type})",
        };
    }

    private async Task<Conversion> AppendConvertedAsync(QualifiedName source, DuckDBConnection connection, SchemaReconciliation schema,
        IReadOnlyList<string> fileColumns, bool text, QuarantineWriter quarantine, int skipBatches, LedgerEntry entry, IngestLedger ledger,
        CancellationToken ct)
    {
        var inFile = fileColumns.ToDictionary(c => c, StringComparer.OrdinalIgnoreCase);
        var values = new List<string>();
        var errors = new List<string>();
        foreach (var column in schema.Columns)
        {
            if (!inFile.TryGetValue(column.Name, out var fileColumn))
                continue;
            var converted = Converted(fileColumn, column.Type, text);
            values.Add($"{SqlText.Literal(column.Name)}, {converted}");
            var present = text ? $"NULLIF(trim({SqlText.Identifier(fileColumn)}), '')" : SqlText.Identifier(fileColumn);
            var shown = $"left(CAST({SqlText.Identifier(fileColumn)} AS VARCHAR), 40)";
            errors.Add($"CASE WHEN {present} IS NOT NULL AND ({converted}) IS NULL THEN " +
                       $"'field \"' || {SqlText.Literal(column.Name)} || '\" must be {column.Type.Replace("'", "", StringComparison.Ordinal)}, got \"' || {shown} || '\"' END");
        }
        var json = values.Count == 0 ? "'{}'" : $"CAST(json_object({string.Join(", ", values)}) AS VARCHAR)";
        var error = errors.Count == 0 ? "NULL" : $"NULLIF(concat_ws('; ', {string.Join(", ", errors)}), '')";
        var raw = text ? RawColumn : "CAST(to_json(raw) AS VARCHAR)";
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LineColumn}, {error}, {json}, {raw} FROM raw ORDER BY {LineColumn}";
        using var reader = command.ExecuteReader();

        var batch = new List<string>();
        var batchNumber = 0;
        long rows = 0;
        while (reader.Read())
        {
            var line = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                quarantine.Add(line, $"{(text ? "line" : "row")} {line}: {reader.GetString(1)}", reader.IsDBNull(3) ? null : reader.GetString(3));
                continue;
            }
            batch.Add(reader.GetString(2));
            if (batch.Count >= BatchRows)
            {
                rows += await FlushAsync(source, batch, batchNumber++, skipBatches, entry, ledger, ct).ConfigureAwait(false);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            rows += await FlushAsync(source, batch, batchNumber++, skipBatches, entry, ledger, ct).ConfigureAwait(false);
        return new Conversion(rows, batchNumber, schema.Changes);
    }

    private async Task<long> FlushAsync(QualifiedName source, List<string> batch, int number, int skipBatches, LedgerEntry entry,
        IngestLedger ledger, CancellationToken ct)
    {
        if (number < skipBatches)
            return batch.Count; // stored before a crash
        var marker = $",\"{SourceSchema.BatchMarker}\":\"{entry.Id}/{number}\"}}";
        var lines = batch.Select(l => l == "{}" ? $"{{{marker[1..]}" : string.Concat(l.AsSpan(0, l.Length - 1), marker)).ToList();
        await _store.AppendAsync(source, lines, ct).ConfigureAwait(false);
        AfterAppend?.Invoke(number);
        ledger.Save(entry with { BatchesDone = number + 1 });
        return batch.Count;
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

    /// <summary>Moves a finished file to <c>inbox/_ingested/…</c>, or a corrupt one to the source's quarantine.</summary>
    private void MoveOut(FileSourceSpec spec, InboxFile file, bool quarantined)
    {
        var target = quarantined
            ? Path.Combine(_layout.SourceDirectory(spec.Name), QuarantineFolder, "files", $"{file.Id}-{Path.GetFileName(file.FullPath)}")
            : Path.Combine(_layout.InboxDirectory(spec.Name.Domain), IngestedFolder, file.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            target = Path.Combine(Path.GetDirectoryName(target)!, $"{Path.GetFileNameWithoutExtension(target)}.{stamp}{Path.GetExtension(target)}");
        }
        File.Move(file.FullPath, target, overwrite: false);
    }

    /// <summary>The newest quarantined rows of a source (newest files first), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<QuarantinedRow> ReadQuarantine(QualifiedName source, int limit)
    {
        var folder = Path.Combine(_layout.SourceDirectory(source), QuarantineFolder);
        if (!Directory.Exists(folder))
            return [];
        var rows = new List<QuarantinedRow>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.ndjson").OrderByDescending(File.GetLastWriteTimeUtc))
        {
            foreach (var line in File.ReadLines(path))
            {
                var row = JsonSerializer.Deserialize<QuarantinedRow>(line, QuarantineWriter.Json);
                if (row is not null)
                    rows.Add(row);
                if (rows.Count >= limit)
                    return rows;
            }
        }
        return rows;
    }

    private static IEnumerable<(string Name, string Type)> Describe(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DESCRIBE raw";
        using var reader = command.ExecuteReader();
        var list = new List<(string, string)>();
        while (reader.Read())
            list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    /// <summary>
    /// Quarantined rows of one file: written to a temp file and renamed to <c>_quarantine/&lt;file id&gt;.ndjson</c> only
    /// when the file is finished (a retry rewrites the same name: no duplicates).
    /// </summary>
    private sealed class QuarantineWriter(string folder, string id, string file, DateTime at)
    {
        internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        private readonly List<string> _reasons = [];
        private StreamWriter? _writer;
        private string? _temp;

        public long Count { get; private set; }

        public IReadOnlyList<string> Reasons => _reasons;

        public void Add(long? line, string reason, string? raw)
        {
            if (_writer is null)
            {
                Directory.CreateDirectory(folder);
                _temp = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
                _writer = new StreamWriter(new FileStream(_temp, FileMode.CreateNew, FileAccess.Write), Utf8);
            }
            _writer.Write(JsonSerializer.Serialize(new QuarantinedRow(file, line, reason, raw, at), Json));
            _writer.Write('\n');
            Count++;
            if (_reasons.Count < MaxReasonsReported)
                _reasons.Add(reason);
        }

        public void Commit()
        {
            if (_writer is null)
                return;
            _writer.Flush();
            ((FileStream)_writer.BaseStream).Flush(flushToDisk: true);
            _writer.Dispose();
            _writer = null;
            File.Move(_temp!, Path.Combine(folder, $"{id}.ndjson"), overwrite: true);
        }

        public void Discard()
        {
            _writer?.Dispose();
            _writer = null;
            if (_temp is not null && File.Exists(_temp))
                File.Delete(_temp);
            _reasons.Clear();
            Count = 0;
        }
    }
}
