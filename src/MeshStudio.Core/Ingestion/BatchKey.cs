using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MeshStudio.Core.Ingestion;

/// <summary>
/// A client's idempotency key for one batch of a source (the <c>Idempotency-Key</c> header), with a hash of the
/// batch's body: a retry with the same key and body is answered like the first call and stores nothing new; the same
/// key with another body is refused (<see cref="BatchKeyReusedException"/>).
/// </summary>
public sealed record BatchKey
{
    /// <summary>Keys are visible ASCII (e.g. a UUID), at most this long.</summary>
    public const int MaxLength = 255;

    private BatchKey(string key, UInt128 keyHash, UInt128 bodyHash)
    {
        Key = key;
        KeyHash = keyHash;
        BodyHash = bodyHash;
    }

    /// <summary>The key as the client sent it.</summary>
    public string Key { get; }

    /// <summary>The first 128 bits of the key's SHA-256 (what is stored).</summary>
    public UInt128 KeyHash { get; }

    /// <summary>The first 128 bits of the body's SHA-256.</summary>
    public UInt128 BodyHash { get; }

    /// <summary>True for 1 to <see cref="MaxLength"/> visible ASCII characters.</summary>
    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>The key of a batch whose body is <paramref name="body"/>.</summary>
    public static BatchKey Of(string key, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!IsValid(key))
            throw new ArgumentException($"An idempotency key is 1 to {MaxLength} visible ASCII characters.", nameof(key));
        return new BatchKey(key, Hash(Encoding.UTF8.GetBytes(key)), Hash(Encoding.UTF8.GetBytes(body)));
    }

    private static UInt128 Hash(byte[] bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }
}
