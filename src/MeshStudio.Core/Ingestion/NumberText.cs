using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshStudio.Core.Ingestion;

/// <summary>A number an event sent as text, for a numeric column.</summary>
public static partial class NumberText
{
    /// <summary>
    /// The text as a JSON number: the digits as sent when they already are one, so an exact column (<c>BIGINT</c>,
    /// <c>DECIMAL</c>) stores every digit; other spellings (<c>+5</c>, <c>.5</c>, <c>1E3</c> with spaces) as the nearest
    /// double; null when the text is not a finite number.
    /// </summary>
    public static string? AsJsonNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return null;
        return JsonNumber().IsMatch(text) ? text : number.ToString("R", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
