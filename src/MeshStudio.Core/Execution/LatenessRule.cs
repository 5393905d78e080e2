namespace MeshStudio.Core.Execution;

/// <summary>
/// The watermark rule of an ingested source read by a job: an event is late when its <paramref name="EventTimeColumn"/>
/// is older than the newest event time of every event that arrived at an earlier position, minus
/// <paramref name="Delay"/>. Events of one arrival position (one stored batch) are not judged against each other.
/// The rule depends only on arrival order, so a live run, a backfill and a full recompute judge every event alike.
/// </summary>
/// <param name="SeenBefore">The newest event time of the positions before the range read (a run's checkpoint); null from the beginning.</param>
public sealed record LatenessRule(string EventTimeColumn, TimeSpan Delay, DateTime? SeenBefore);
