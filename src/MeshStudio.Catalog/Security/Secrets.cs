using System.Security.Cryptography;
using System.Text;

namespace MeshStudio.Catalog.Security;

/// <summary>Random keys and their hashes: the catalog stores only SHA-256 of every secret.</summary>
internal static class Secrets
{
    public static string NewKey(string prefix) =>
        prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Compares two hex hashes without leaking, through timing, how many characters matched.</summary>
    public static bool HashesEqual(string expectedHex, string actualHex) =>
        expectedHex.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHex), Encoding.ASCII.GetBytes(actualHex));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
