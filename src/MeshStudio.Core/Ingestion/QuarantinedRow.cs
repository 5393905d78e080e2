namespace MeshStudio.Core.Ingestion;

/// <summary>One quarantined row (or file) of a source, as stored in its quarantine folder.</summary>
public sealed record QuarantinedRow(string File, long? Line, string Reason, string? Raw, DateTime At);
