using System.Text;
using MeshStudio.Web.Demo;

namespace MeshStudio.Bench;

/// <summary>The benchmark's events: demo orders (the app's own generator), cut into NDJSON request bodies.</summary>
public sealed class Workload
{
    private Workload(IReadOnlyList<string> events, IReadOnlyList<byte[]> bodies)
    {
        Events = events;
        Bodies = bodies;
    }

    public IReadOnlyList<string> Events { get; }

    /// <summary>UTF-8 NDJSON bodies, one per ingest request.</summary>
    public IReadOnlyList<byte[]> Bodies { get; }

    public long TotalBytes => Bodies.Sum(b => (long)b.Length);

    public double AverageEventBytes => (double)TotalBytes / Events.Count;

    public static Workload Create(int count, int batchSize, int seed)
    {
        var generator = new DemoEvents(new Random(seed));
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var events = new string[count];
        for (var i = 0; i < count; i++)
            events[i] = generator.Order(start.AddMilliseconds(i * 7));
        return new Workload(events, ToBodies(events, batchSize));
    }

    /// <summary>Cuts events into UTF-8 NDJSON request bodies of <paramref name="batchSize"/> events.</summary>
    public static List<byte[]> ToBodies(IReadOnlyList<string> events, int batchSize)
    {
        var bodies = new List<byte[]>();
        for (var offset = 0; offset < events.Count; offset += batchSize)
        {
            var text = new StringBuilder();
            for (var i = offset; i < Math.Min(events.Count, offset + batchSize); i++)
                text.Append(events[i]).Append('\n');
            bodies.Add(Encoding.UTF8.GetBytes(text.ToString()));
        }
        return bodies;
    }

    /// <summary>Events as one NDJSON file.</summary>
    public static async Task WriteNdjsonAsync(string path, IEnumerable<string> events)
    {
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        foreach (var e in events)
            await file.WriteAsync(e + "\n");
    }

    /// <summary>All events as one NDJSON file, for DuckDB's reference.</summary>
    public async Task WriteNdjsonAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var body in Bodies)
            await file.WriteAsync(body);
    }
}
