using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Ingestion;

/// <summary>
/// Audits refused ingest keys (<see cref="Action"/>, actor the caller, e.g. <c>anonymous (client address)</c>, target the source)
/// without letting one client flood the log: at most one entry per client and source per <see cref="Window"/>; the
/// refusals in between are counted and the count is written with that client's next entry for the source.
/// </summary>
public sealed class IngestKeyRefusals(AuditLog audit, TimeProvider time)
{
    public const string Action = "ingest.key-refused";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Clients remembered at most (many addresses cannot grow memory without bound; the oldest go first).</summary>
    private const int MaxTracked = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Actor, string Source), Tally> _tallies = [];

    /// <summary>Records one refusal; writes an audit entry unless this client's last one for the source is recent.</summary>
    public async Task RecordAsync(string actor, QualifiedName source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(source);
        var key = (actor, source.ToString());
        var now = time.GetUtcNow();
        int refusals;
        lock (_lock)
        {
            if (_tallies.TryGetValue(key, out var tally) && now - tally.WrittenAt < Window)
            {
                tally.Unwritten++;
                return;
            }
            refusals = (tally?.Unwritten ?? 0) + 1;
            if (_tallies.Count >= MaxTracked)
                Forget(now);
            _tallies[key] = new Tally { WrittenAt = now };
        }
        var details = refusals == 1
            ? "wrong or missing X-Api-Key"
            : $"wrong or missing X-Api-Key, {refusals} refusals since the last entry for this client";
        await audit.WriteAsync(actor, Action, key.Item2, details, cancellationToken);
    }

    private void Forget(DateTimeOffset now)
    {
        var old = _tallies.Where(t => now - t.Value.WrittenAt >= Window).Select(t => t.Key).ToList();
        if (old.Count == 0)
            old = _tallies.OrderBy(t => t.Value.WrittenAt).Take(MaxTracked / 10).Select(t => t.Key).ToList();
        foreach (var key in old)
            _tallies.Remove(key);
    }

    private sealed class Tally
    {
        public DateTimeOffset WrittenAt { get; init; }
        public int Unwritten { get; set; }
    }
}
