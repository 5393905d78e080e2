using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Ingestion;

/// <summary>
/// Reads an ingest body (NDJSON, or one JSON array) and checks every event against the source's declared
/// columns. A batch with any bad event is refused whole, so a client can fix and resend it without duplicates.
/// </summary>
public static class EventBatchParser
{
    public const int MaxErrorsReported = 20;
    public const int MaxLineBytes = 1 << 20;

    public static EventBatch Parse(string body, IReadOnlyList<ColumnSchema> columns)
    {
        var events = new List<string>();
        var errors = new List<string>();
        foreach (var (label, text) in Elements(body, errors))
        {
            var error = Normalise(text, columns, out var normalised);
            if (error is null)
                events.Add(normalised!);
            else if (errors.Count < MaxErrorsReported)
                errors.Add($"{label}: {error}");
            else
                break;
        }
        if (events.Count == 0 && errors.Count == 0)
            errors.Add("The request has no events: send NDJSON (one JSON object per line) or a JSON array of objects.");
        return errors.Count > 0 ? new EventBatch([], errors) : new EventBatch(events, []);
    }

    private static IEnumerable<(string Label, string Text)> Elements(string body, List<string> errors)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '[')
        {
            JsonArray? array = null;
            try
            {
                array = JsonNode.Parse(body) as JsonArray;
            }
            catch (JsonException e)
            {
                errors.Add($"The JSON array is malformed at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
            }
            if (array is null)
                yield break;
            for (var i = 0; i < array.Count; i++)
                yield return ($"element {i + 1}", array[i]?.ToJsonString() ?? "null");
            yield break;
        }

        var lineNumber = 0;
        foreach (var line in body.Split('\n'))
        {
            lineNumber++;
            var text = line.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(text))
                continue;
            yield return ($"line {lineNumber}", text);
        }
    }

    private static string? Normalise(string text, IReadOnlyList<ColumnSchema> columns, out string? normalised)
    {
        normalised = null;
        if (text.Length > MaxLineBytes)
            return $"the event is longer than {MaxLineBytes / 1024} KiB.";
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            return $"malformed JSON at position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}";
        }
        if (node is not JsonObject obj)
            return "expected a JSON object.";

        foreach (var column in columns)
        {
            var match = obj.FirstOrDefault(p => p.Key.Equals(column.Name, StringComparison.OrdinalIgnoreCase));
            if (match.Value is null)
                continue;
            var error = CheckValue(column, match.Value, out var replacement);
            if (error is not null)
                return $"field \"{column.Name}\" {error}";
            if (replacement is not null)
                obj[match.Key] = replacement;
        }
        normalised = obj.ToJsonString();
        return null;
    }

    private static string? CheckValue(ColumnSchema column, JsonNode value, out JsonNode? replacement)
    {
        replacement = null;
        var kind = value.GetValueKind();
        var type = column.Type.ToUpperInvariant();
        if (IsNumeric(type))
        {
            if (kind == JsonValueKind.Number)
                return null;
            if (kind == JsonValueKind.String && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                replacement = JsonValue.Create(number);
                return null;
            }
            return $"must be a number ({column.Type}), got {Describe(value, kind)}.";
        }
        if (type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || type == "DATE")
        {
            if (kind == JsonValueKind.String
                && DateTime.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var moment))
            {
                replacement = JsonValue.Create(moment.ToString(type == "DATE" ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
                return null;
            }
            return $"must be an ISO-8601 date/time string ({column.Type}), got {Describe(value, kind)}.";
        }
        if (type == "BOOLEAN")
            return kind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, got {Describe(value, kind)}.";
        if (type == "VARCHAR" && kind is JsonValueKind.Object or JsonValueKind.Array)
            return $"must be text, got a JSON {kind.ToString().ToLowerInvariant()}.";
        return null;
    }

    private static bool IsNumeric(string type) =>
        type is "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT"
            or "UINTEGER" or "UBIGINT" or "FLOAT" or "REAL" or "DOUBLE"
        || type.StartsWith("DECIMAL", StringComparison.Ordinal) || type.StartsWith("NUMERIC", StringComparison.Ordinal);

    private static string Describe(JsonNode value, JsonValueKind kind) =>
        kind == JsonValueKind.String ? $"\"{Truncate(value.GetValue<string>())}\"" : Truncate(value.ToJsonString());

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
