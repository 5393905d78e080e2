using System.Globalization;
using System.Text;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Ingestion;

/// <summary>
/// The idempotency keys of one source (ADR 15): <c>_keys/&lt;hour&gt;-&lt;instance&gt;.log</c>, one fsynced line per keyed
/// batch, written after the batch's temp segment is on disk and before it is renamed into place. The temp file's name
/// is in the line, and a rename removes that name, so after any crash the folder tells which batches were stored:
/// a logged key whose temp file still exists was not (it is rolled back: a <c>-</c> line, then the temp deleted); one
/// whose temp file is gone was. Each process writes its own files (a torn last line of a crashed one is ignored);
/// files older than the retention are deleted whole. The index of remembered keys is kept in memory.
/// </summary>
internal sealed class BatchKeyLog : IDisposable
{
    public const string FolderName = "_keys";

    /// <summary>Prefix of keyed temp segments; unlike other temp files only this log removes them.</summary>
    public const string TempPrefix = ".key-";

    private const int Stripes = 32;

    private readonly string _sourceDirectory;
    private readonly string _folder;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<UInt128, Entry> _entries = [];
    private readonly SemaphoreSlim[] _keyLocks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly Lock _write = new();
    private FileStream? _log;
    private string? _logHour;
    private DateTime _lastPrune;

    private BatchKeyLog(string sourceDirectory, TimeSpan retention, TimeProvider time)
    {
        _sourceDirectory = sourceDirectory;
        _folder = Path.Combine(sourceDirectory, FolderName);
        _retention = retention;
        _time = time;
    }

    /// <summary>A remembered key: the body it came with, the count answered and when.</summary>
    public readonly record struct Entry(UInt128 Body, int Accepted, long AtTicks);

    /// <summary>Reads the source's keys and rolls back the batches a crash left between key and rename.</summary>
    public static BatchKeyLog Open(string sourceDirectory, TimeSpan retention, TimeProvider time)
    {
        var log = new BatchKeyLog(sourceDirectory, retention, time);
        log.Recover();
        return log;
    }

    /// <summary>Held while a key is looked up and its batch stored: concurrent retries of one key store once.</summary>
    public SemaphoreSlim LockFor(UInt128 key) => _keyLocks[(int)(key % Stripes)];

    public bool TryFind(UInt128 key, out Entry entry)
    {
        lock (_write)
            return _entries.TryGetValue(key, out entry) && !Expired(entry.AtTicks, _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Durably records a key whose batch is complete in <paramref name="tempName"/> and about to be renamed. It is
    /// found (<see cref="TryFind"/>) only after <see cref="Remember"/>, once the batch is renamed into place: a retry
    /// must never be answered "stored" for a batch whose rename may still fail.
    /// </summary>
    public Entry Record(UInt128 key, UInt128 body, int accepted, string tempName)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_write)
        {
            Append(string.Create(CultureInfo.InvariantCulture, $"+ {key:X32} {body:X32} {accepted} {now.Ticks} {tempName}\n"), now);
            if (now - _lastPrune > TimeSpan.FromMinutes(10))
                Prune(now);
        }
        return new Entry(body, accepted, now.Ticks);
    }

    /// <summary>Makes a recorded key found: its batch is renamed into place.</summary>
    public void Remember(UInt128 key, Entry entry)
    {
        lock (_write)
            _entries[key] = entry;
    }

    /// <summary>Durably forgets a key whose batch was not renamed into place (the caller deletes the temp file after this).</summary>
    public void RollBack(UInt128 key)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_write)
        {
            _entries.Remove(key);
            Append(string.Create(CultureInfo.InvariantCulture, $"- {key:X32}\n"), now);
        }
    }

    public void Dispose()
    {
        lock (_write)
        {
            _log?.Dispose();
            _log = null;
        }
        foreach (var stripe in _keyLocks)
            stripe.Dispose();
    }

    private bool Expired(long atTicks, DateTime now) => now.Ticks - atTicks > _retention.Ticks;

    private void Append(string line, DateTime now)
    {
        var hour = now.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        if (_log is null || _logHour != hour)
        {
            _log?.Dispose();
            Directory.CreateDirectory(_folder);
            _log = new FileStream(Path.Combine(_folder, $"{hour}-{_instance}.log"), FileMode.Append, FileAccess.Write, FileShare.Read, 1);
            _logHour = hour;
            DurableFile.SyncFolder(_folder); // the new log's name must survive a power loss like its lines
        }
        _log.Write(Encoding.ASCII.GetBytes(line));
        _log.Flush(flushToDisk: true);
    }

    private void Recover()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var temps = new Dictionary<UInt128, string>();
        foreach (var path in LogFiles().Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path, Encoding.ASCII);
            // Only whole lines count: a crash while appending leaves a torn last line, whose batch was never renamed.
            foreach (var line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split(' ');
                if (fields is ["+", var k, var b, var n, var at, var temp]
                    && UInt128.TryParse(k, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var key)
                    && UInt128.TryParse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var body)
                    && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var accepted)
                    && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    _entries[key] = new Entry(body, accepted, ticks);
                    temps[key] = temp;
                }
                else if (fields is ["-", var r] && UInt128.TryParse(r, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rolledBack))
                {
                    _entries.Remove(rolledBack);
                    temps.Remove(rolledBack);
                }
            }
        }
        foreach (var (key, temp) in temps)
        {
            if (File.Exists(Path.Combine(_sourceDirectory, temp)))
                RollBack(key); // logged, but the crash came before the rename
        }
        // Keyed temp files without a logged key (the crash came before the key was logged) or just rolled back.
        foreach (var path in Directory.Exists(_sourceDirectory) ? Directory.EnumerateFiles(_sourceDirectory, TempPrefix + "*") : [])
            File.Delete(path);
        Prune(now);
    }

    private void Prune(DateTime now)
    {
        _lastPrune = now;
        foreach (var (key, entry) in _entries.Where(e => Expired(e.Value.AtTicks, now)).ToList())
            _entries.Remove(key);
        foreach (var path in LogFiles())
        {
            // A file holds the keys of one hour; it goes once its last possible key has expired.
            if (DateTime.TryParseExact(Path.GetFileName(path)[..10], "yyyyMMddHH", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour)
                && Expired(hour.AddHours(1).Ticks, now)
                && !string.Equals(Path.GetFileName(path)[..10], _logHour, StringComparison.Ordinal))
                File.Delete(path);
        }
    }

    private IEnumerable<string> LogFiles() =>
        Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.log").Where(p => Path.GetFileName(p).Length > 10) : [];
}
