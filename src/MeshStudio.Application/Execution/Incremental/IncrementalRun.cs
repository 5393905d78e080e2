using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Sandbox;

namespace MeshStudio.Application.Execution.Incremental;

/// <summary>What the runner knows about one source a job streams from.</summary>
/// <param name="Tail">The position of its newest event now.</param>
/// <param name="EventTime">Its <c>event_time</c> column, if declared.</param>
/// <param name="Watermark">Its <c>watermark</c> delay, if declared: events older than the newest minus this are late.</param>
public sealed record StreamInput(QualifiedName Name, long Tail, string? EventTime, TimeSpan? Watermark);

/// <summary>
/// One run of a job, decided before it starts: which events of each stream it reads (from the checkpoint to the
/// tail), what it builds on (the previous snapshot, or nothing when it starts over), which events are late, and the
/// checkpoint it commits. A run with nothing new to read is idle.
/// </summary>
public sealed class IncrementalRun
{
    /// <summary>The expectation under which late events are counted and quarantined.</summary>
    public const string LateEvents = "late_events";

    private IncrementalRun(IncrementalPlan plan, JobCheckpoint from, IReadOnlyList<StreamInput> streams, string fingerprint, bool startsOver)
    {
        Plan = plan;
        From = from;
        Streams = streams;
        Fingerprint = fingerprint;
        StartsOver = startsOver;
    }

    public IncrementalPlan Plan { get; }

    /// <summary>The checkpoint the run starts from.</summary>
    public JobCheckpoint From { get; }

    public IReadOnlyList<StreamInput> Streams { get; }

    private string Fingerprint { get; }

    /// <summary>True when the run ignores the previous snapshot and reads every stream from the beginning (or from now).</summary>
    public bool StartsOver { get; }

    /// <summary>
    /// Decides the run of a job whose stored checkpoint is <paramref name="stored"/> (null: never ran).
    /// <paramref name="startFromNow"/>: a job that never ran skips the events that exist now.
    /// </summary>
    public static IncrementalRun Decide(
        IncrementalPlan plan, string definition, string? stored, bool startFromNow, IReadOnlyList<StreamInput> streams)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(streams);
        var fingerprint = JobCheckpoint.FingerprintOf(definition);
        var checkpoint = JobCheckpoint.Parse(stored);
        if (checkpoint is null && startFromNow)
        {
            var now = streams.ToDictionary(s => s.Name.ToString(), s => new SourceCheckpoint(s.Tail, null));
            return new IncrementalRun(plan, new JobCheckpoint(now, null, fingerprint), streams, fingerprint, startsOver: true);
        }
        checkpoint ??= JobCheckpoint.Beginning;
        var matches = checkpoint.Fingerprint == fingerprint && checkpoint.Mode == plan.Mode.ToString();
        if (!checkpoint.IsBeginning && !matches && checkpoint.Mode is not null)
            checkpoint = JobCheckpoint.Beginning; // the SQL or its mode changed: rebuild from all input
        var startsOver = !plan.IsIncremental || checkpoint.Mode is null;
        return new IncrementalRun(plan, checkpoint, streams, fingerprint, startsOver);
    }

    /// <summary>
    /// True when there is nothing to do: no stream has new events and the product already reflects the checkpoint.
    /// Jobs that read no stream (only products) always run.
    /// </summary>
    public bool IsIdle(bool hasSnapshot) =>
        Streams.Count > 0 && hasSnapshot && From.Mode is not null && Streams.All(s => s.Tail <= From.For(s.Name.ToString()).Position);

    /// <summary>The snapshot plan: build on <paramref name="previousLocation"/> unless the run starts over.</summary>
    public SnapshotPlan SnapshotPlan(string? previousLocation) =>
        StartsOver || previousLocation is null
            ? Core.Execution.SnapshotPlan.Replace
            : new SnapshotPlan(Plan.Mode, previousLocation, Plan.MergeColumns);

    /// <summary>
    /// The grant with each stream limited to its new events (an incremental plan) or whole (a full recompute), and
    /// each stream with a watermark judged by arrival position (<see cref="LatenessRule"/>).
    /// </summary>
    public SessionGrant Restrict(SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant with
        {
            Relations = grant.Relations
                .Select(r => Streams.FirstOrDefault(s => s.Name == r.Name) is { } s
                    ? (Plan.IsIncremental ? r with { Range = new SegmentRange(From.For(s.Name.ToString()).Position, s.Tail) } : r) with { Lateness = LatenessOf(s) }
                    : r)
                .ToList(),
        };
    }

    /// <summary>
    /// The watermark rule of a stream: the same in every mode, so live runs, a backfill and a full recompute agree on
    /// which events are late. Only a run that reads on from a checkpoint starts from the event times seen before it.
    /// </summary>
    private LatenessRule? LatenessOf(StreamInput stream)
    {
        if (stream is not { EventTime: { } column, Watermark: { } delay })
            return null;
        var readsOn = Plan.IsIncremental && !StartsOver;
        return new LatenessRule(column, delay, readsOn ? From.For(stream.Name.ToString()).MaxEventTime : null);
    }

    /// <summary>
    /// One DROP check per stream with a watermark: events older than the newest event time of every earlier arrival
    /// position minus the watermark are late; they are counted and quarantined, not processed.
    /// </summary>
    public IReadOnlyList<ExpectationCheck> LateEventChecks() =>
        Streams.Select(s => (Stream: s, Rule: LatenessOf(s)))
            .Where(p => p.Rule is not null)
            .Select(p => new ExpectationCheck(LateEvents, ArrivalOrder.OnTimePredicate(p.Stream.Name, p.Rule!), ExpectationAction.Drop, p.Stream.Name))
            .ToList();

    public IReadOnlyList<InputProbe> Probes() => Streams.Select(s => new InputProbe(s.Name, s.EventTime)).ToList();

    /// <summary>The checkpoint to commit after the run read up to each stream's tail.</summary>
    public JobCheckpoint Next(IReadOnlyList<InputStats> inputs)
    {
        var sources = new Dictionary<string, SourceCheckpoint>(StringComparer.Ordinal);
        foreach (var stream in Streams)
        {
            var before = StartsOver && From.Mode is not null ? new SourceCheckpoint(0, null) : From.For(stream.Name.ToString());
            var seen = inputs.FirstOrDefault(i => i.Relation == stream.Name)?.MaxEventTime;
            var max = before.MaxEventTime is { } b && (seen is null || b > seen) ? b : seen;
            sources[stream.Name.ToString()] = new SourceCheckpoint(stream.Tail, max);
        }
        return new JobCheckpoint(sources, Plan.Mode.ToString(), Fingerprint);
    }

    /// <summary>The checkpoint of a run that read nothing (a job starting from now records where now is).</summary>
    public JobCheckpoint Idle() => From with { Fingerprint = From.Fingerprint ?? Fingerprint };
}
