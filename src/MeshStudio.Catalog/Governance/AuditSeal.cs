using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeshStudio.Catalog.Model;

namespace MeshStudio.Catalog.Governance;

/// <summary>
/// The seal of one audit entry: HMAC-SHA256, under the key of <see cref="Security.AuditKeyStore"/>, over the
/// entry's id, time, actor, action, target, details and the previous entry's seal. Keyed, so that whoever can
/// write the database but not read the key cannot compute a seal that verifies (plain SHA-256 could be redone).
/// </summary>
internal static class AuditSeal
{
    /// <summary>Names the canonical form, so that a later form can be told apart from this one.</summary>
    private const string Version = "audit-v1";

    public static string Compute(byte[] key, AuditEntry entry) =>
        Compute(key, entry.Id, entry.At, entry.Actor, entry.Action, entry.Target, entry.Details, entry.PreviousHash);

    public static string Compute(byte[] key, long id, DateTime at, string actor, string action, string target, string details, string previousHash)
    {
        // A JSON array of strings: unambiguous whatever the fields contain (no separator can be forged).
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            Version, id.ToString(CultureInfo.InvariantCulture), at.Ticks.ToString(CultureInfo.InvariantCulture),
            actor, action, target, details, previousHash,
        });
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, canonical));
    }

    /// <summary>Compares seals without leaking, through timing, how many characters matched.</summary>
    public static bool AreEqual(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
