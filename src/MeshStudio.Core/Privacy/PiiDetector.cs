using System.Text.RegularExpressions;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Privacy;

/// <summary>
/// Flags columns that look like personal data, from the column name and from sampled values.
/// A column whose values are all hashed or masked is not flagged: it no longer carries the data.
/// </summary>
public static partial class PiiDetector
{
    private static readonly (PiiKind Kind, Regex Pattern)[] NamePatterns =
    [
        (PiiKind.Email, NameRegex("e_?mail")),
        (PiiKind.Phone, NameRegex("phone|mobile|msisdn|tel(ephone)?")),
        (PiiKind.CardNumber, NameRegex("card_?(number|no|num)?|credit_?card|pan|iban")),
        (PiiKind.Name, NameRegex("(first|last|full|given|family|sur|customer|contact|user|person)_?name")),
        (PiiKind.Address, NameRegex("address|street|addr|postcode|zip(_?code)?|postal_?code")),
        (PiiKind.IpAddress, NameRegex("ip|ip_?address")),
        (PiiKind.BirthDate, NameRegex("birth_?date|date_?of_?birth|dob|birthday")),
        (PiiKind.NationalId, NameRegex("ssn|national_?id|passport(_?(number|no))?|tax_?id")),
    ];

    private static Regex NameRegex(string words) =>
        new($"(^|_)({words})(_|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailValue();

    [GeneratedRegex(@"^\+?[\d\s().-]{7,20}$")]
    private static partial Regex PhoneValue();

    [GeneratedRegex(@"^(\d[ -]?){13,19}$")]
    private static partial Regex CardValue();

    [GeneratedRegex(@"^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$", RegexOptions.IgnoreCase)]
    private static partial Regex HashValue();

    [GeneratedRegex(@"^[*xX#•]{3,}|^[^*]{0,4}\*{3,}")]
    private static partial Regex MaskedValue();

    /// <summary>The personal-data kind of a column, or null when it does not look like personal data.</summary>
    /// <param name="columnName">The column's name.</param>
    /// <param name="sampleValues">Non-null sample values of the column as text (may be empty).</param>
    public static PiiKind? Detect(string columnName, IReadOnlyCollection<string> sampleValues)
    {
        var samples = sampleValues.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (samples.Count > 0 && samples.All(v => HashValue().IsMatch(v) || MaskedValue().IsMatch(v)))
            return null;

        var byValue = DetectFromValues(samples);
        if (byValue is not null)
            return byValue;
        if (samples.Count > 0 && LooksNumericOrTemporal(samples))
            return null;
        var byName = NamePatterns.FirstOrDefault(p => p.Pattern.IsMatch(columnName));
        return byName.Pattern is null ? null : byName.Kind;
    }

    /// <summary>
    /// Flags every column of a schema, using sample rows keyed by column name. A flag a column already has (the
    /// personal data it carries from upstream, by lineage) stays when its own values do not show one.
    /// </summary>
    public static IReadOnlyList<ColumnSchema> Classify(
        IReadOnlyList<ColumnSchema> columns, IReadOnlyDictionary<string, IReadOnlyCollection<string>> samples) =>
        columns.Select(c => c with
        {
            Pii = Detect(c.Name, samples.TryGetValue(c.Name, out var values) ? values : []) ?? c.Pii,
        }).ToList();

    private static PiiKind? DetectFromValues(List<string> samples)
    {
        if (samples.Count == 0)
            return null;
        var majority = (samples.Count / 2) + 1;
        if (samples.Count(v => EmailValue().IsMatch(v)) >= majority)
            return PiiKind.Email;
        if (samples.Count(v => CardValue().IsMatch(v) && LuhnValid(v)) >= majority)
            return PiiKind.CardNumber;
        return null;
    }

    private static bool LooksNumericOrTemporal(List<string> samples) =>
        samples.All(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _)
                         || DateTime.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _))
        && !samples.All(v => PhoneValue().IsMatch(v) && v.Count(char.IsDigit) >= 7);

    private static bool LuhnValid(string value)
    {
        var digits = value.Where(char.IsDigit).Select(c => c - '0').ToArray();
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }
            sum += d;
        }
        return digits.Length >= 13 && sum % 10 == 0;
    }
}
