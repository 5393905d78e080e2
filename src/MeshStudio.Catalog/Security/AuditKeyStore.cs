using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MeshStudio.Catalog.Security;

/// <summary>
/// The secret that seals the audit chain: 32 random bytes in an owner-only file beside the catalog database
/// (<c>catalog.db.audit-key</c>), created on first use. Someone who can write the database but cannot read this
/// file cannot forge a valid chain. An in-memory catalog gets a key that lives as long as the process.
/// </summary>
public sealed class AuditKeyStore(string? serverKeyPath = null)
{
    public const string Suffix = ".audit-key";
    private const int KeyBytes = 32;

    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _keys = new(StringComparer.Ordinal);
    private readonly byte[] _inMemory = RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>
    /// The key of the database file at <paramref name="databasePath"/>; null: a database without a file, whose key is
    /// the file given when this store was made (a catalog on a server), or one per process (in memory).
    /// </summary>
    public byte[] KeyFor(string? databasePath) =>
        (databasePath is null ? serverKeyPath : databasePath + Suffix) is { } keyPath
            ? _keys.GetOrAdd(Path.GetFullPath(keyPath), path => new Lazy<byte[]>(() => LoadOrCreate(path))).Value
            : _inMemory;

    private static byte[] LoadOrCreate(string path)
    {
        try
        {
            // CreateNew: of two servers starting at once, one writes the key and the other reads it. One small
            // write, flushed to disk before the key is used to seal anything.
            using var stream = new FileStream(path, PrivateFiles.CreateOptions(FileMode.CreateNew, FileAccess.Write));
            stream.Write(RandomNumberGenerator.GetBytes(KeyBytes));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created on an earlier start: read below.
        }
        PrivateFiles.Restrict(path);
        var key = File.ReadAllBytes(path);
        return key.Length == KeyBytes
            ? key
            : throw new InvalidOperationException(
                $"The audit key {path} is damaged ({key.Length} bytes, expected {KeyBytes}). Restore it from a backup; " +
                "without it the audit chain cannot be verified.");
    }
}
