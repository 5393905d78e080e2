using System.Text;
using System.Text.Json;
using MeshStudio.Core.Ingestion;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// Quarantined rows of one file: written as a <see cref="DurableFile"/> named <c>_quarantine/&lt;file id&gt;.ndjson</c> when the file
/// is finished (a retry rewrites the same name: no duplicates). Disposing it without <see cref="Commit"/> leaves no file.
/// </summary>
internal sealed class QuarantineWriter(string folder, string id, string file, DateTime at) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<string> _reasons = [];
    private DurableFile? _file;
    private StreamWriter? _writer;

    public long Count { get; private set; }

    public IReadOnlyList<string> Reasons => _reasons;

    public void Add(long? line, string reason, string? raw)
    {
        if (_writer is null)
        {
            _file = DurableFile.Create(folder);
            _writer = new StreamWriter(_file.Stream, Utf8, leaveOpen: true);
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
        _writer.Dispose();
        _writer = null;
        _file!.Commit(Path.Combine(folder, $"{id}.ndjson"), overwrite: true);
        _file.Dispose();
        _file = null;
    }

    /// <summary>Forgets the rows added so far; their temporary file is deleted.</summary>
    public void Discard()
    {
        Dispose();
        _reasons.Clear();
        Count = 0;
    }

    /// <summary>Closes and deletes the temporary file unless it was committed; the counts stay readable.</summary>
    public void Dispose()
    {
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // the disk is full: the temp file goes anyway
        }
        _writer = null;
        _file?.Dispose();
        _file = null;
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
