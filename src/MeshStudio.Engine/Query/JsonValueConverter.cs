using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace MeshStudio.Engine.Query;

/// <summary>Converts values read from DuckDB into JSON-friendly values.</summary>
public static class JsonValueConverter
{
    /// <summary>
    /// Numbers, strings, booleans and null pass through (decimal stays decimal); dates and times become
    /// ISO-8601 strings; GUIDs and big integers become strings; blobs become base64; lists, structs and
    /// maps become a JSON string.
    /// </summary>
    public static object? ToJsonFriendly(object? value) => value switch
    {
        null or DBNull => null,
        double d when !double.IsFinite(d) => d.ToString(CultureInfo.InvariantCulture), // JSON has no NaN or Infinity
        float f when !float.IsFinite(f) => f.ToString(CultureInfo.InvariantCulture),
        string or bool or decimal or double or float or long or int or short or sbyte or byte or ushort or uint => value,
        ulong u => u <= long.MaxValue ? (long)u : u.ToString(CultureInfo.InvariantCulture),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        DateTime dt => FormatDateTime(dt),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        TimeSpan ts => System.Xml.XmlConvert.ToString(ts),
        byte[] bytes => Convert.ToBase64String(bytes),
        Stream stream => Convert.ToBase64String(ReadAll(stream)),
        IDictionary or IEnumerable => JsonSerializer.Serialize(ToJsonTree(value)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string FormatDateTime(DateTime dt)
    {
        var text = dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        return dt.Kind == DateTimeKind.Utc ? text + "Z" : text;
    }

    /// <summary>A tree of plain values that System.Text.Json serialises without surprises.</summary>
    private static object? ToJsonTree(object? value) => value switch
    {
        null or DBNull => null,
        string => value,
        IDictionary dictionary => dictionary.Keys.Cast<object>().ToDictionary(
            k => Convert.ToString(ToJsonFriendly(k), CultureInfo.InvariantCulture) ?? "null",
            k => ToJsonTree(dictionary[k])),
        byte[] or Stream => ToJsonFriendly(value),
        IEnumerable items => items.Cast<object?>().Select(ToJsonTree).ToList(),
        _ => ToJsonFriendly(value),
    };

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
