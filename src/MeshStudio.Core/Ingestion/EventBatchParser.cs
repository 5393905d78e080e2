using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Ingestion;

/// <summary>
/// Reads an ingest body (NDJSON, or one JSON array) and checks every event against the source's declared
/// columns. A batch with any bad event is refused whole, so a client can fix and resend it without duplicates.
/// Events that need no change are stored exactly as sent; only fields that are normalised (timestamps, numbers
/// sent as strings) are rewritten. This is the hot path of ingestion: one pass per event, no object tree.
/// </summary>
public static class EventBatchParser
{
    public const int MaxErrorsReported = 20;
    public const int MaxLineBytes = 1 << 20;

    private const string StoredTimestampFormat = "yyyy-MM-dd HH:mm:ss.ffffff";
    private const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;

    public static EventBatch Parse(string body, IReadOnlyList<ColumnSchema> columns)
    {
        var declared = new Dictionary<string, ColumnKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
            declared.TryAdd(column.Name, ColumnKind.Of(column));

        var events = new List<string>();
        var errors = new List<string>();
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '[')
            ParseArray(body, declared, events, errors);
        else
            ParseLines(body, declared, events, errors);

        if (events.Count == 0 && errors.Count == 0)
            errors.Add("The request has no events: send NDJSON (one JSON object per line) or a JSON array of objects.");
        return errors.Count > 0 ? new EventBatch([], errors) : new EventBatch(events, []);
    }

    private static void ParseLines(string body, Dictionary<string, ColumnKind> declared, List<string> events, List<string> errors)
    {
        var lineNumber = 0;
        var start = 0;
        while (start <= body.Length && errors.Count < MaxErrorsReported)
        {
            var end = body.IndexOf('\n', start);
            if (end < 0)
                end = body.Length;
            lineNumber++;
            var line = body.AsMemory(start, end - start).TrimEnd('\r');
            start = end + 1;
            if (line.Span.IsWhiteSpace())
                continue;
            var error = line.Length > MaxLineBytes
                ? $"the event is longer than {MaxLineBytes / 1024} KiB."
                : ReadLine(line, declared, events);
            if (error is not null)
                errors.Add($"line {lineNumber}: {error}");
        }
    }

    private static string? ReadLine(ReadOnlyMemory<char> line, Dictionary<string, ColumnKind> declared, List<string> events)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Normalise(document.RootElement, declared, events, () => line.ToString());
        }
        catch (JsonException e)
        {
            return $"malformed JSON at position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}";
        }
    }

    private static void ParseArray(string body, Dictionary<string, ColumnKind> declared, List<string> events, List<string> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            errors.Add($"The JSON array is malformed at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
            return;
        }
        using (document)
        {
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                var error = Normalise(element, declared, events, element.GetRawText);
                if (error is not null)
                    errors.Add($"element {index}: {error}");
                if (errors.Count >= MaxErrorsReported)
                    return;
            }
        }
    }

    /// <summary>Checks one event; adds its stored form to <paramref name="events"/> or returns why it is refused.</summary>
    private static string? Normalise(JsonElement item, Dictionary<string, ColumnKind> declared, List<string> events, Func<string> originalText)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return "expected a JSON object.";
        Dictionary<string, string>? replacements = null;
        foreach (var property in item.EnumerateObject())
        {
            if (!declared.TryGetValue(property.Name, out var kind))
                continue;
            var error = kind.Check(property.Value, out var replacement);
            if (error is not null)
                return $"field \"{kind.Name}\" {error}";
            if (replacement is not null)
                (replacements ??= new(StringComparer.Ordinal))[property.Name] = replacement;
        }
        events.Add(replacements is null ? originalText() : Rewrite(item, replacements));
        return null;
    }

    private static string Rewrite(JsonElement item, Dictionary<string, string> replacements)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var property in item.EnumerateObject())
            {
                writer.WritePropertyName(property.Name);
                if (replacements.TryGetValue(property.Name, out var raw))
                    writer.WriteRawValue(raw, skipInputValidation: true);
                else
                    property.Value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>How one declared column's values are checked and normalised.</summary>
    private sealed record ColumnKind(string Name, string Type, Kinds Kind)
    {
        public static ColumnKind Of(ColumnSchema column)
        {
            var upper = column.Type.ToUpperInvariant();
            var kind = upper switch
            {
                _ when IsNumeric(upper) => Kinds.Number,
                _ when upper.StartsWith("TIMESTAMP", StringComparison.Ordinal) => Kinds.Timestamp,
                "DATE" => Kinds.Date,
                "BOOLEAN" => Kinds.Boolean,
                "VARCHAR" => Kinds.Text,
                _ => Kinds.Any,
            };
            return new ColumnKind(column.Name, column.Type, kind);
        }

        public string? Check(JsonElement value, out string? replacement)
        {
            replacement = null;
            var kind = value.ValueKind;
            if (kind == JsonValueKind.Null)
                return null;
            switch (Kind)
            {
                case Kinds.Number:
                    if (kind == JsonValueKind.Number)
                        return null;
                    if (kind == JsonValueKind.String
                        && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        && double.IsFinite(number))
                    {
                        replacement = number.ToString("R", CultureInfo.InvariantCulture);
                        return null;
                    }
                    return $"must be a number ({Type}), got {Describe(value)}.";
                case Kinds.Timestamp or Kinds.Date:
                    if (kind == JsonValueKind.String && TryParseMoment(value.GetString()!, out var moment))
                    {
                        replacement = $"\"{moment.ToString(Kind == Kinds.Date ? "yyyy-MM-dd" : StoredTimestampFormat, CultureInfo.InvariantCulture)}\"";
                        return null;
                    }
                    return $"must be an ISO-8601 date/time string ({Type}), got {Describe(value)}.";
                case Kinds.Boolean:
                    return kind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, got {Describe(value)}.";
                case Kinds.Text when kind is JsonValueKind.Object or JsonValueKind.Array:
                    return $"must be text, got a JSON {kind.ToString().ToLowerInvariant()}.";
                default:
                    return null;
            }
        }

        private static bool TryParseMoment(string text, out DateTime moment) =>
            DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, Utc, out moment)
            || DateTime.TryParse(text, CultureInfo.InvariantCulture, Utc, out moment);

        private static readonly string[] IsoFormats =
        [
            "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd",
        ];

        private static bool IsNumeric(string type) =>
            type is "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT"
                or "UINTEGER" or "UBIGINT" or "FLOAT" or "REAL" or "DOUBLE"
            || type.StartsWith("DECIMAL", StringComparison.Ordinal) || type.StartsWith("NUMERIC", StringComparison.Ordinal);

        private static string Describe(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? $"\"{Truncate(value.GetString()!)}\"" : Truncate(value.GetRawText());

        private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }

    private enum Kinds
    {
        Any,
        Number,
        Timestamp,
        Date,
        Boolean,
        Text,
    }
}
