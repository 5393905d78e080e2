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

    public static EventBatch Parse(string body, IReadOnlyList<ColumnSchema> columns) => Parse(body, columns, null);

    /// <summary>
    /// Reads a batch for a source whose schema may drift: like <see cref="Parse(string, IReadOnlyList{ColumnSchema})"/>,
    /// and in the same pass reports in <see cref="EventBatch.Drift"/> the fields the source has no column for (with the
    /// narrowest type all their values fit: <c>BOOLEAN</c>, <c>BIGINT</c>, <c>DOUBLE</c>, <c>TIMESTAMP</c> for ISO-8601
    /// strings, <c>VARCHAR</c>, <c>JSON</c> for objects and arrays) and the <paramref name="widenable"/> columns whose
    /// values need a wider type. A value that does not fit a widenable column is kept as sent, not an error; a value
    /// that does not fit any other column is an error as in <see cref="Parse(string, IReadOnlyList{ColumnSchema})"/>.
    /// Unknown fields are not normalised: a batch with drift is read again once the schema was changed.
    /// </summary>
    /// <param name="widenable">Names of the columns that may widen (inferred or added by earlier data), any case.</param>
    public static EventBatch ParseWithDrift(string body, IReadOnlyList<ColumnSchema> columns, IReadOnlyCollection<string> widenable)
    {
        ArgumentNullException.ThrowIfNull(widenable);
        return Parse(body, columns, new HashSet<string>(widenable, StringComparer.OrdinalIgnoreCase));
    }

    private static EventBatch Parse(string body, IReadOnlyList<ColumnSchema> columns, HashSet<string>? widenable)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(columns);
        var declared = new Dictionary<string, ColumnKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
            declared.TryAdd(column.Name, ColumnKind.Of(column, widenable?.Contains(column.Name) == true));
        var context = new Context(declared, widenable is null ? null : new DriftTracker());

        var events = new List<string>();
        var errors = new List<string>();
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '[')
            ParseArray(body, context, events, errors);
        else
            ParseLines(body, context, events, errors);

        if (events.Count == 0 && errors.Count == 0)
            errors.Add("The request has no events: send NDJSON (one JSON object per line) or a JSON array of objects.");
        return errors.Count > 0 ? new EventBatch([], errors) : new EventBatch(events, [], context.Drift?.Columns() ?? []);
    }

    private static void ParseLines(string body, Context context, List<string> events, List<string> errors)
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
                : ReadLine(line, context, events);
            if (error is not null)
                errors.Add($"line {lineNumber}: {error}");
        }
    }

    private static string? ReadLine(ReadOnlyMemory<char> line, Context context, List<string> events)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Normalise(document.RootElement, context, events, () => line.ToString());
        }
        catch (JsonException e)
        {
            return $"malformed JSON at position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}";
        }
    }

    private static void ParseArray(string body, Context context, List<string> events, List<string> errors)
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
                var error = Normalise(element, context, events, element.GetRawText);
                if (error is not null)
                    errors.Add($"element {index}: {error}");
                if (errors.Count >= MaxErrorsReported)
                    return;
            }
        }
    }

    /// <summary>Checks one event; adds its stored form to <paramref name="events"/> or returns why it is refused.</summary>
    private static string? Normalise(JsonElement item, Context context, List<string> events, Func<string> originalText)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return "expected a JSON object.";
        Dictionary<string, string>? replacements = null;
        foreach (var property in item.EnumerateObject())
        {
            if (!context.Declared.TryGetValue(property.Name, out var kind))
            {
                context.Drift?.ObserveUnknown(property.Name, property.Value);
                continue;
            }
            string? replacement;
            if (kind.Widenable)
            {
                var wider = kind.Widen(property.Value, out replacement);
                if (wider is not null)
                {
                    context.Drift!.ObserveWider(kind.Name, wider);
                    continue; // kept as sent: the column widens before the batch is read again and stored
                }
            }
            else
            {
                var error = kind.Check(property.Value, out replacement);
                if (error is not null)
                    return $"field \"{kind.Name}\" {error}";
            }
            if (replacement is not null)
                (replacements ??= new(StringComparer.Ordinal))[property.Name] = replacement;
        }
        events.Add(replacements is null ? originalText() : Rewrite(item, replacements));
        return null;
    }

    /// <summary>The narrowest lattice type (see <see cref="SourceSchema"/>) a JSON value fits; null for JSON null.</summary>
    public static string? TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "BOOLEAN",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "BIGINT" : "DOUBLE",
        JsonValueKind.String => IsIsoTimestamp(value.GetString()!) ? "TIMESTAMP" : "VARCHAR",
        JsonValueKind.Object or JsonValueKind.Array => "JSON",
        _ => null,
    };

    private static bool IsIsoTimestamp(string text) =>
        text.Length is >= 10 and <= 40 && char.IsAsciiDigit(text[0])
        && DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, Utc, out _);

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mmK", "yyyy-MM-dd",
    ];

    private sealed record Context(Dictionary<string, ColumnKind> Declared, DriftTracker? Drift);

    /// <summary>What a batch needs that the source's columns do not give it: new fields and wider types.</summary>
    private sealed class DriftTracker
    {
        private readonly Dictionary<string, string?> _types = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _order = [];

        public void ObserveUnknown(string name, JsonElement value)
        {
            if (name.Length == 0)
                return; // no column can have an empty name; the field is stored as sent
            if (!_types.TryGetValue(name, out var current))
            {
                _order.Add(name);
                _types[name] = TypeOf(value);
                return;
            }
            if (current is "VARCHAR" || value.ValueKind == JsonValueKind.Null)
                return; // text holds everything: no need to look at the value
            var type = TypeOf(value)!;
            _types[name] = current is null ? type : SourceSchema.Join(current, type);
        }

        public void ObserveWider(string column, string type)
        {
            if (!_types.TryGetValue(column, out var current))
            {
                _order.Add(column);
                _types[column] = type;
                return;
            }
            _types[column] = current is null ? type : SourceSchema.Join(current, type);
        }

        /// <summary>The columns, a field only ever null becoming <c>VARCHAR</c>.</summary>
        public List<ColumnSchema> Columns() => _order.Select(n => new ColumnSchema(n, _types[n] ?? "VARCHAR")).ToList();
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

    /// <summary>How one column's values are checked and normalised.</summary>
    /// <param name="Widenable">True when a value that does not fit widens the column instead of being an error.</param>
    /// <param name="Lattice">The column's type in the <see cref="SourceSchema"/> lattice; null outside it (e.g. JSON).</param>
    private sealed record ColumnKind(string Name, string Type, Kinds Kind, bool Widenable, string? Lattice)
    {
        public static ColumnKind Of(ColumnSchema column, bool widenable)
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
            return new ColumnKind(column.Name, column.Type, kind, widenable, SourceSchema.Normalise(column.Type));
        }

        /// <summary>
        /// For a widenable column: null when the value fits the column (with its normalised form in
        /// <paramref name="replacement"/> where needed), otherwise the wider type the column needs for it.
        /// Checks the value as strictly as inference would type it: a string in a number column needs text.
        /// </summary>
        public string? Widen(JsonElement value, out string? replacement)
        {
            replacement = null;
            var kind = value.ValueKind;
            if (kind == JsonValueKind.Null || Lattice is null or "VARCHAR")
                return null; // text and JSON hold any value
            var fits = Lattice switch
            {
                "BOOLEAN" => kind is JsonValueKind.True or JsonValueKind.False,
                "INTEGER" => kind == JsonValueKind.Number && value.TryGetInt32(out _),
                "BIGINT" => kind == JsonValueKind.Number && value.TryGetInt64(out _),
                "DOUBLE" => kind == JsonValueKind.Number,
                _ => kind == JsonValueKind.String && Check(value, out replacement) is null, // DATE, TIMESTAMP
            };
            if (fits)
                return null;
            replacement = null;
            var joined = SourceSchema.Join(Lattice, TypeOf(value)!);
            return joined == Lattice ? null : joined;
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
                    var number = kind switch
                    {
                        JsonValueKind.Number => value.GetRawText(),
                        JsonValueKind.String => NumberText.AsJsonNumber(value.GetString()!),
                        _ => null,
                    };
                    if (number is not null)
                    {
                        // The JSON reader rounds numbers wider than 64 bits through a double; as text they are cast exactly.
                        if (SourceSchema.IsExactWideNumber(Type))
                            replacement = $"\"{number}\"";
                        else if (kind == JsonValueKind.String)
                            replacement = number;
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
