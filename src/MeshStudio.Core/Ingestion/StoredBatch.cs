namespace MeshStudio.Core.Ingestion;

/// <summary>What storing a keyed batch answered: the events accepted, and whether this was a replay of an earlier call.</summary>
/// <param name="Accepted">Events the batch stored (the first call's count on a replay).</param>
/// <param name="Replayed">True when the key was already stored: nothing new was stored now.</param>
public sealed record StoredBatch(int Accepted, bool Replayed);
