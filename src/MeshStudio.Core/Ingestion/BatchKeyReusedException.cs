namespace MeshStudio.Core.Ingestion;

/// <summary>An idempotency key came again with a different body: nothing was stored.</summary>
public sealed class BatchKeyReusedException(string key, string source)
    : Exception($"The Idempotency-Key '{key}' was already used for a different batch of {source}; nothing was stored. " +
        "Send a retry with exactly the same body, or use a new key for a new batch.");
