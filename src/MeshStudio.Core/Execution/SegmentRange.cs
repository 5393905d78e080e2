namespace MeshStudio.Core.Execution;

/// <summary>
/// The events of an ingested source after position <paramref name="After"/> up to <paramref name="UpTo"/>: what
/// one incremental job run reads. Positions are segment times in ticks (0: before the first event).
/// </summary>
public sealed record SegmentRange(long After, long UpTo)
{
    public bool IsEmpty => UpTo <= After;
}
