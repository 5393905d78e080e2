using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshStudio.Core.Dialect;

/// <summary>Parses intervals such as <c>'2 seconds'</c>, <c>'5 minutes'</c>, <c>'1 hour'</c>.</summary>
public static partial class IntervalParser
{
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>The interval, or null when the text is not one.</summary>
    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
            return null;
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return char.ToLowerInvariant(match.Groups[2].Value[0]) switch
        {
            'm' when match.Groups[2].Value.StartsWith("ms", StringComparison.OrdinalIgnoreCase)
                     || match.Groups[2].Value.StartsWith("milli", StringComparison.OrdinalIgnoreCase) => TimeSpan.FromMilliseconds(amount),
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }
}
