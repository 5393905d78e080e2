using System.Globalization;
using System.Text.Json;

namespace MeshStudio.Web.Api;

/// <summary>Writes the JSON-friendly values of a query row (see <c>QueryBatch</c>) with a <see cref="Utf8JsonWriter"/>.</summary>
public static class JsonValues
{
    public static void WriteRow(Utf8JsonWriter json, object?[] row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(row);
        json.WriteStartArray();
        foreach (var value in row)
            Write(json, value);
        json.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case double or float:
                json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
