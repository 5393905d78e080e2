using System.Globalization;

namespace MeshStudio.Application.Products;

/// <summary>
/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled. Text that a spreadsheet would
/// run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) gets a leading <c>'</c>; numbers,
/// and text that is just a number such as <c>-3.5</c>, are written as they are.
/// </summary>
public static class CsvWriter
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static Task WriteHeaderAsync(TextWriter writer, IEnumerable<string> names) =>
        WriteLineAsync(writer, names.Select(Cell));

    public static Task WriteRowAsync(TextWriter writer, IEnumerable<object?> values) =>
        WriteLineAsync(writer, values.Select(Field));

    /// <summary>One value as a CSV field: text neutralised against formulas, everything else as it is.</summary>
    public static string Field(object? value) => value is string text ? Cell(text) : Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private static string Cell(string text) =>
        Quote(text.Length > 0 && FormulaStarts.Contains(text[0]) && !IsNumber(text) ? "'" + text : text);

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    private static async Task WriteLineAsync(TextWriter writer, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(string.Join(',', fields));
        await writer.WriteAsync("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
