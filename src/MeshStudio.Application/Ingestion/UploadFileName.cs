using System.Globalization;
using System.Text;
using MeshStudio.Core.Access;
using MeshStudio.Engine.Ingestion.Files;

namespace MeshStudio.Application.Ingestion;

/// <summary>
/// Turns a client-supplied file name into a safe plain file name with the source format's extension, stamps it with the
/// upload time (so uploads never overwrite each other) and shows a stored upload by the name the user gave it.
/// </summary>
public static class UploadFileName
{
    public const int MaxLength = 100;

    private const string StampFormat = "yyyyMMddHHmmssfff";

    private static readonly Dictionary<string, string[]> Extensions = new(StringComparer.Ordinal)
    {
        ["csv"] = [".csv", ".txt"],
        ["json"] = [".json", ".jsonl", ".ndjson"],
        ["parquet"] = [".parquet"],
    };

    /// <summary>
    /// Keeps the last path segment only (no folders, no <c>..</c>), letters, digits, <c>-</c>, <c>_</c> and <c>.</c>;
    /// refuses a name without the format's extension.
    /// </summary>
    public static string Sanitise(string? fileName, string format)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        var clean = new StringBuilder();
        foreach (var c in name)
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var result = clean.ToString().TrimStart('.', '_');
        while (result.Contains("..", StringComparison.Ordinal))
            result = result.Replace("..", ".", StringComparison.Ordinal);
        var allowed = Extensions.GetValueOrDefault(format.ToLowerInvariant()) ?? [];
        var extension = Path.GetExtension(result).ToLowerInvariant();
        if (result.Length == 0 || !allowed.Contains(extension))
            throw new RuleViolationException(
                $"'{Path.GetFileName(name)}' is not a {format} file: this source takes files ending in {string.Join(", ", allowed)}.");
        if (result.Length > MaxLength)
            result = result[..(MaxLength - extension.Length)] + extension;
        return result;
    }

    /// <summary>The name an upload is stored under: <c>&lt;time&gt;-&lt;name&gt;</c>.</summary>
    public static string Stamped(DateTime uploadedAtUtc, string safeName) =>
        $"{uploadedAtUtc.ToString(StampFormat, CultureInfo.InvariantCulture)}-{safeName}";

    /// <summary>The file name a user recognises: an upload (relative to the inbox) loses its folder and time stamp.</summary>
    public static string Shown(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var name = Path.GetFileName(relativePath);
        return relativePath.StartsWith(FileIngester.UploadsFolder + "/", StringComparison.Ordinal) && name.Length > StampFormat.Length + 1
            && name[StampFormat.Length] == '-' ? name[(StampFormat.Length + 1)..] : relativePath;
    }
}
