using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshStudio.Engine;

/// <summary>
/// The name of a snapshot folder, <c>snap-&lt;yyyyMMddHHmmssfff&gt;-&lt;id&gt;</c>: written and read only here. A run's
/// quarantine folder carries the name of the snapshot the run wrote, so it parses alike.
/// </summary>
public static partial class SnapshotFolder
{
    private const string TimeFormat = "yyyyMMddHHmmssfff";

    [GeneratedRegex(@"^snap-(\d{17})-[0-9a-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>A new, unique folder name for a snapshot taken at <paramref name="utcNow"/>.</summary>
    public static string NewName(DateTime utcNow) =>
        string.Create(CultureInfo.InvariantCulture, $"snap-{utcNow.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>
    /// The UTC time in a snapshot folder's name; <paramref name="nameOrLocation"/> is the name or a location ending in
    /// it (with or without a trailing slash). False for anything that is not a snapshot folder.
    /// </summary>
    public static bool TryParseTime(string nameOrLocation, out DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(nameOrLocation);
        var name = nameOrLocation.TrimEnd('/', '\\');
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var match = Pattern().Match(name);
        utc = default;
        return match.Success && DateTime.TryParseExact(match.Groups[1].Value, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc);
    }
}
