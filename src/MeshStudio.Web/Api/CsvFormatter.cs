using System.Globalization;
using System.Text;

namespace MeshStudio.Web.Api;

/// <summary>RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled.</summary>
public static class CsvFormatter
{
    public static string Format(IEnumerable<string> header, IEnumerable<object?[]> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows)
            AppendLine(text, row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""));
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Quote));
        text.Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
