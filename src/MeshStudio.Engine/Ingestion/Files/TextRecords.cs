using System.Buffers;
using System.Text;
using System.Text.Json;
using MeshStudio.Core.Ingestion;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>One record of a text file: its fields as text (null = JSON null or an empty CSV field), or why it cannot be read.</summary>
/// <param name="Line">The 1-based line the record starts on.</param>
/// <param name="Fields">Field name → text; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the record is quarantined.</param>
/// <param name="Raw">The record as it was in the file (cut to <see cref="TextRecords.MaxPreviewChars"/>), for the quarantine.</param>
public sealed record TextRecord(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Error, string Raw);

/// <summary>The file cannot be read at all (binary, no header, …): it is quarantined as a whole.</summary>
public sealed class CorruptFileException(string message) : Exception(message);

/// <summary>
/// Reads JSON-lines and CSV files record by record with exact line numbers: a bad record (malformed JSON, wrong
/// number of CSV fields, a line over <see cref="MaxLineBytes"/>, invalid UTF-8, a quote cut off by a truncated
/// file) becomes a <see cref="TextRecord"/> with an error instead of failing the file. No line is held in memory
/// beyond <see cref="MaxLineBytes"/>.
/// </summary>
public static class TextRecords
{
    public const int MaxLineBytes = 1 << 20;
    public const int MaxPreviewChars = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The column order of a JSON-lines file: names in order of first appearance.</summary>
    public static IEnumerable<TextRecord> ReadJsonLines(Stream stream, List<string> columnOrder)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columnOrder);
        var known = new HashSet<string>(columnOrder, StringComparer.Ordinal);
        foreach (var line in ReadLines(stream))
        {
            if (line.Error is not null)
            {
                yield return new TextRecord(line.Number, null, line.Error, line.Text);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Text))
                continue;
            string? error = null;
            Dictionary<string, string?>? fields = null;
            try
            {
                using var document = JsonDocument.Parse(line.Text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = $"expected a JSON object, got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.";
                }
                else
                {
                    fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.Name == SourceSchema.BatchMarker)
                            continue;
                        fields[property.Name] = property.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String => property.Value.GetString(),
                            _ => property.Value.GetRawText(),
                        };
                        if (known.Add(property.Name))
                            columnOrder.Add(property.Name);
                    }
                }
            }
            catch (JsonException e)
            {
                error = $"malformed JSON at position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}";
            }
            yield return new TextRecord(line.Number, error is null ? fields : null, error, Preview(line.Text));
        }
    }

    /// <summary>Reads a CSV file with a header line; the delimiter (, ; tab |) is taken from the header.</summary>
    public static IEnumerable<TextRecord> ReadCsv(Stream stream, List<string> header)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        using var lines = ReadLines(stream).GetEnumerator();
        Line? first = null;
        while (lines.MoveNext())
        {
            if (lines.Current.Error is not null)
                throw new CorruptFileException($"The header line cannot be read: {lines.Current.Error}");
            if (!string.IsNullOrWhiteSpace(lines.Current.Text))
            {
                first = lines.Current;
                break;
            }
        }
        if (first is null)
            yield break;
        var delimiter = DetectDelimiter(first.Text.TrimStart('\uFEFF'));
        var names = ParseFields(first.Text.TrimStart('\uFEFF'), delimiter, out var open);
        if (open || names.Count == 0 || names.Any(string.IsNullOrWhiteSpace))
            throw new CorruptFileException("The first line is not a CSV header: every column needs a name.");
        var duplicate = names.GroupBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CorruptFileException($"The CSV header names column '{duplicate.Key}' twice.");
        header.AddRange(names.Select(n => n.Trim()));

        while (lines.MoveNext())
        {
            var line = lines.Current;
            if (line.Error is not null)
            {
                yield return new TextRecord(line.Number, null, line.Error, line.Text);
                continue;
            }
            if (line.Text.Length == 0)
                continue;
            var record = new StringBuilder(line.Text);
            var start = line.Number;
            var fields = ParseFields(line.Text, delimiter, out open);
            string? error = null;
            while (open)
            {
                if (!lines.MoveNext())
                {
                    error = "a quoted field is not closed before the end of the file (the file may be truncated).";
                    break;
                }
                if (lines.Current.Error is not null)
                {
                    error = $"a quoted field runs into line {lines.Current.Number}, which cannot be read: {lines.Current.Error}";
                    break;
                }
                record.Append('\n').Append(lines.Current.Text);
                if (record.Length > MaxLineBytes)
                {
                    error = $"the record is longer than {MaxLineBytes / 1024} KiB (is a quote missing?).";
                    // Skip to the end of the runaway record so later records are read again.
                    while (open && lines.MoveNext() && lines.Current.Error is null)
                        ParseFields(lines.Current.Text, delimiter, out open, startQuoted: true);
                    break;
                }
                fields = ParseFields(record.ToString(), delimiter, out open);
            }
            if (error is null && fields.Count != header.Count)
                error = $"expected {header.Count} fields, found {fields.Count}.";
            if (error is not null)
            {
                yield return new TextRecord(start, null, error, Preview(record.ToString()));
                continue;
            }
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
                values[header[i]] = fields[i].Length == 0 ? null : fields[i];
            yield return new TextRecord(start, values, null, Preview(record.ToString()));
        }
    }

    private static char DetectDelimiter(string header)
    {
        char[] candidates = [',', ';', '\t', '|'];
        return candidates.OrderByDescending(c => header.Count(x => x == c)).ThenBy(c => Array.IndexOf(candidates, c)).First();
    }

    /// <summary>RFC 4180 fields of one record; <paramref name="open"/> is true when a quoted field continues past the end.</summary>
    private static List<string> ParseFields(string text, char delimiter, out bool open, bool startQuoted = false)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = startQuoted;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        open = quoted;
        return fields;
    }

    private sealed record Line(long Number, string Text, string? Error);

    /// <summary>Lines split on LF (a CR before it is dropped), decoded as strict UTF-8, each at most <see cref="MaxLineBytes"/>.</summary>
    private static IEnumerable<Line> ReadLines(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new ArrayBufferWriter<byte>(4096);
        var oversized = false;
        long number = 1;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var offset = 0;
                while (offset < read)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', offset, read - offset);
                    var end = newline < 0 ? read : newline;
                    oversized = Take(line, buffer.AsSpan(offset, end - offset), oversized);
                    if (newline < 0)
                        break;
                    yield return Finish(number++, line, oversized);
                    line.Clear();
                    oversized = false;
                    offset = newline + 1;
                }
            }
            if (line.WrittenCount > 0 || oversized)
                yield return Finish(number, line, oversized);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Adds a part of the current line; past the limit only a preview is kept. Returns whether the line is oversized.</summary>
    private static bool Take(ArrayBufferWriter<byte> line, ReadOnlySpan<byte> part, bool oversized)
    {
        if (oversized)
            return true;
        if (line.WrittenCount + part.Length <= MaxLineBytes)
        {
            line.Write(part);
            return false;
        }
        var room = Math.Max(0, MaxPreviewChars - line.WrittenCount);
        line.Write(part[..Math.Min(room, part.Length)]);
        return true;
    }

    private static Line Finish(long number, ArrayBufferWriter<byte> bytes, bool oversized)
    {
        var span = bytes.WrittenSpan;
        if (span.Length > 0 && span[^1] == '\r')
            span = span[..^1];
        if (oversized)
            return new Line(number, Lenient(span[..Math.Min(span.Length, MaxPreviewChars)]), $"the line is longer than {MaxLineBytes / 1024} KiB.");
        if (span.IndexOf((byte)0) >= 0)
            return new Line(number, Lenient(span[..Math.Min(span.Length, MaxPreviewChars)]), "the line contains NUL bytes (is this a binary file?).");
        try
        {
            return new Line(number, StrictUtf8.GetString(span), null);
        }
        catch (DecoderFallbackException)
        {
            return new Line(number, Lenient(span[..Math.Min(span.Length, MaxPreviewChars)]), "the line is not valid UTF-8.");
        }
    }

    private static string Lenient(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static string Preview(string text) => text.Length <= MaxPreviewChars ? text : text[..MaxPreviewChars] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
