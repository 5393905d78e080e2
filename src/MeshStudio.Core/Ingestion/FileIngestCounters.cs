namespace MeshStudio.Core.Ingestion;

/// <summary>Per-source counters of file ingestion.</summary>
public sealed record FileIngestCounters(long Files, long Rows, long QuarantinedRows, long QuarantinedFiles, DateTime? LastFileAt)
{
    public static readonly FileIngestCounters Empty = new(0, 0, 0, 0, null);
}
