using System.Text;
using System.Text.Json;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// Quarantined rows of one file: written to a temp file and renamed to <c>_quarantine/&lt;file id&gt;.ndjson</c> only
/// when the file is finished (a retry rewrites the same name: no duplicates).
/// </summary>
internal sealed class QuarantineWriter(string folder, string id, string file, DateTime at)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<string> _reasons = [];
    private StreamWriter? _writer;
    private string? _temp;

    public long Count { get; private set; }

    public IReadOnlyList<string> Reasons => _reasons;

    public void Add(long? line, string reason, string? raw)
    {
        if (_writer is null)
        {
            Directory.CreateDirectory(folder);
            _temp = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
            _writer = new StreamWriter(new FileStream(_temp, FileMode.CreateNew, FileAccess.Write), Utf8);
        }
        _writer.Write(JsonSerializer.Serialize(new QuarantinedRow(file, line, reason, raw, at), Json));
        _writer.Write('\n');
        Count++;
        if (_reasons.Count < FileIngester.MaxReasonsReported)
            _reasons.Add(reason);
    }

    public void Commit()
    {
        if (_writer is null)
            return;
        _writer.Flush();
        ((FileStream)_writer.BaseStream).Flush(flushToDisk: true);
        _writer.Dispose();
        _writer = null;
        File.Move(_temp!, Path.Combine(folder, $"{id}.ndjson"), overwrite: true);
    }

    public void Discard()
    {
        _writer?.Dispose();
        _writer = null;
        if (_temp is not null && File.Exists(_temp))
            File.Delete(_temp);
        _reasons.Clear();
        Count = 0;
    }

    /// <summary>The newest quarantined rows in <paramref name="folder"/> (newest files first), at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<QuarantinedRow> Read(string folder, int limit)
    {
        if (!Directory.Exists(folder))
            return [];
        var rows = new List<QuarantinedRow>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.ndjson").OrderByDescending(File.GetLastWriteTimeUtc))
        {
            foreach (var line in File.ReadLines(path))
            {
                var row = JsonSerializer.Deserialize<QuarantinedRow>(line, Json);
                if (row is not null)
                    rows.Add(row);
                if (rows.Count >= limit)
                    return rows;
            }
        }
        return rows;
    }
}
