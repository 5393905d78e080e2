namespace MeshStudio.Application.Ingestion;

/// <summary>The batch had bad events; none of it was stored.</summary>
public sealed class IngestRejectedException(IReadOnlyList<string> errors)
    : Exception("The batch was refused and nothing was stored: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
