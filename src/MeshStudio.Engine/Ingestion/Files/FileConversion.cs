using MeshStudio.Core.Ingestion;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// Converts one inbox file into rows of its source: stages it in a <see cref="StagingSession"/>, reconciles the
/// file's inferred types with the source's schema (handing a change to <see cref="SchemaUpdate"/> before any row of
/// the new shape is stored), then sends each row to the <see cref="MarkedBatchAppender"/> or, when it does not fit,
/// to the quarantine.
/// </summary>
internal static class FileConversion
{
    /// <summary>Converts the file; returns the schema changes it caused.</summary>
    public static async Task<IReadOnlyList<SchemaChange>> ConvertAsync(LakeOptions options, string inbox, FileSourceSpec spec, InboxFile file,
        QuarantineWriter quarantine, SchemaUpdate updateSchema, MarkedBatchAppender appender, CancellationToken ct)
    {
        var format = spec.Format.Trim().ToLowerInvariant();
        using var session = StagingSession.Open(options, inbox);
        bool text;
        IReadOnlyList<string> fileColumns;
        switch (format)
        {
            case "parquet":
                text = false;
                fileColumns = session.StageParquet(file);
                break;
            case "csv" or "json" or "ndjson" or "jsonl":
                text = true;
                fileColumns = session.StageText(file, format == "csv", quarantine);
                break;
            default:
                throw new CorruptFileException($"Format '{spec.Format}' cannot be ingested; use json, csv or parquet.");
        }
        fileColumns = fileColumns.Where(c => !c.StartsWith("__mesh_", StringComparison.Ordinal)).ToList();

        var fileSchema = StagedTypes.Infer(session, fileColumns, text);
        var reconciled = SourceSchema.Reconcile(spec.Columns, spec.Inferred, fileSchema);
        if (reconciled.Changes.Count > 0 || spec.Columns.Count == 0)
            await updateSchema(reconciled, ct).ConfigureAwait(false);

        using var command = session.Connection.CreateCommand();
        command.CommandText = StagedTypes.TypedRowsQuery(reconciled, fileColumns, text);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var line = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                quarantine.Add(line, $"{(text ? "line" : "row")} {line}: {reader.GetString(1)}", reader.IsDBNull(3) ? null : reader.GetString(3));
                continue;
            }
            await appender.AddAsync(reader.GetString(2), ct).ConfigureAwait(false);
        }
        await appender.CompleteAsync(ct).ConfigureAwait(false);
        return reconciled.Changes;
    }
}
