using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MeshStudio.Core.Telemetry;

/// <summary>
/// The platform's one meter and one activity source, both named <see cref="Name"/>, and the instruments operators
/// watch (docs/operations.md lists them with their units and attributes). Only <c>System.Diagnostics</c>: whether and
/// where they are exported is the host's decision. Attributes name sources, jobs, products and expectations, never a
/// data value or a user.
/// </summary>
public static class MeshTelemetry
{
    public const string Name = "MeshStudio";

    public const string SourceAttribute = "meshstudio.source";
    public const string KindAttribute = "meshstudio.kind";
    public const string JobAttribute = "meshstudio.job";
    public const string OutcomeAttribute = "meshstudio.outcome";
    public const string ExpectationAttribute = "meshstudio.expectation";
    public const string ActionAttribute = "meshstudio.action";
    public const string ProductAttribute = "meshstudio.product";
    public const string CallerAttribute = "meshstudio.caller";

    public static readonly ActivitySource ActivitySource = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Seconds from a few milliseconds (a small query) to minutes (a backfill).</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    };

    public static readonly Counter<long> IngestedEvents = Meter.CreateCounter<long>(
        "meshstudio.ingest.events", "{event}", "Events stored by ingestion (HTTP batches and file rows); a replayed retry is not counted again.");

    public static readonly Counter<long> IngestedBytes = Meter.CreateCounter<long>(
        "meshstudio.ingest.bytes", "By", "Bytes of the request bodies and files whose events were stored.");

    public static readonly Histogram<double> JobRunDuration = Meter.CreateHistogram(
        "meshstudio.job.run.duration", "s", "How long a job run took, from its start to its commit or failure.", advice: Seconds);

    public static readonly Histogram<double> JobLag = Meter.CreateHistogram(
        "meshstudio.job.lag", "s", "From the arrival of the newest event a committed run read to the run's commit.", advice: Seconds);

    public static readonly Counter<long> ExpectationViolations = Meter.CreateCounter<long>(
        "meshstudio.expectation.violations", "{row}", "Rows that broke a job's expectation (dropped, quarantined, kept or failing the run).");

    public static readonly Histogram<double> QueryDuration = Meter.CreateHistogram(
        "meshstudio.query.duration", "s", "How long a query held its session, from its start to its last row read.", advice: Seconds);

    public static readonly Histogram<double> QueryQueueWait = Meter.CreateHistogram(
        "meshstudio.query.queue.wait", "s", "How long a query waited for a free session (fair query sessions, ADR 13).", advice: Seconds);

    public static readonly UpDownCounter<long> ActiveSessions = Meter.CreateUpDownCounter<long>(
        "meshstudio.sessions.active", "{session}", "Open Studio circuits and hub connections on this node.");

    private static ImmutableList<Func<IReadOnlyList<FreshnessReading>>> _freshness = [];

    public static readonly ObservableGauge<double> ProductFreshness = Meter.CreateObservableGauge(
        "meshstudio.product.freshness", () => Observe(r => r.UpToDateUtc is { } at ? (DateTime.UtcNow - at).TotalSeconds : null),
        "s", "Age of the data of each product that promises freshness (its contract's latency SLA): since its last commit, or a later run that found nothing new.");

    public static readonly ObservableGauge<double> ProductFreshnessSla = Meter.CreateObservableGauge(
        "meshstudio.product.freshness.sla", () => Observe(r => r.Sla.TotalSeconds),
        "s", "The freshness each such product promises: alert when meshstudio.product.freshness exceeds it.");

    /// <summary>Feeds the freshness gauges from <paramref name="read"/> until the result is disposed.</summary>
    public static IDisposable ObserveFreshness(Func<IReadOnlyList<FreshnessReading>> read)
    {
        ImmutableInterlocked.Update(ref _freshness, list => list.Add(read));
        return new Registration(() => ImmutableInterlocked.Update(ref _freshness, list => list.Remove(read)));
    }

    public static void RecordIngest(string source, string kind, long events, long bytes)
    {
        var tags = new TagList { { SourceAttribute, source }, { KindAttribute, kind } };
        IngestedEvents.Add(events, tags);
        IngestedBytes.Add(bytes, tags);
    }

    /// <summary>A finished run: <paramref name="outcome"/> is <c>committed</c>, <c>idle</c> or <c>failed</c>.</summary>
    public static void RecordJobRun(string job, string outcome, TimeSpan duration, TimeSpan? lag)
    {
        JobRunDuration.Record(duration.TotalSeconds, new TagList { { JobAttribute, job }, { OutcomeAttribute, outcome } });
        if (lag is { } l)
            JobLag.Record(l.TotalSeconds, new TagList { { JobAttribute, job } });
    }

    public static void RecordViolations(string job, string expectation, string action, long rows)
    {
        if (rows > 0)
            ExpectationViolations.Add(rows, new TagList { { JobAttribute, job }, { ExpectationAttribute, expectation }, { ActionAttribute, action } });
    }

    /// <summary>A query's wait for a session and its run; <paramref name="caller"/> is <c>user</c> or <c>background</c>.</summary>
    public static void RecordQuery(string caller, TimeSpan waited, TimeSpan ran, string outcome)
    {
        QueryQueueWait.Record(waited.TotalSeconds, new TagList { { CallerAttribute, caller } });
        QueryDuration.Record(ran.TotalSeconds, new TagList { { CallerAttribute, caller }, { OutcomeAttribute, outcome } });
    }

    /// <summary>Counts an open session of <paramref name="kind"/> (<c>studio</c> or <c>hub</c>) until the result is disposed.</summary>
    public static IDisposable OpenSession(string kind)
    {
        var tags = new TagList { { KindAttribute, kind } };
        ActiveSessions.Add(1, tags);
        return new Registration(() => ActiveSessions.Add(-1, tags));
    }

    private static IEnumerable<Measurement<double>> Observe(Func<FreshnessReading, double?> value)
    {
        foreach (var read in _freshness)
        {
            foreach (var reading in read())
            {
                if (value(reading) is { } v)
                    yield return new Measurement<double>(v, new KeyValuePair<string, object?>(ProductAttribute, reading.Product));
            }
        }
    }

    private sealed class Registration(Action undo) : IDisposable
    {
        private Action? _undo = undo;

        public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
    }
}
