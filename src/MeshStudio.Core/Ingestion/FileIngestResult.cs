namespace MeshStudio.Core.Ingestion;

/// <summary>What ingesting one file did.</summary>
/// <param name="File">The file's path relative to the inbox.</param>
/// <param name="Rows">Rows stored in the source.</param>
/// <param name="QuarantinedRows">Rows sent to the source's quarantine.</param>
/// <param name="FileQuarantined">The whole file could not be read; <paramref name="Reason"/> says why.</param>
/// <param name="Reasons">The first reasons of quarantined rows (<c>line 3: …</c>).</param>
/// <param name="SchemaChanges">Columns added or widened by this file.</param>
/// <param name="AlreadyIngested">The file had been ingested before (nothing was stored again).</param>
public sealed record FileIngestResult(
    string File,
    long Rows,
    long QuarantinedRows,
    bool FileQuarantined,
    string? Reason,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<SchemaChange> SchemaChanges,
    bool AlreadyIngested = false);
