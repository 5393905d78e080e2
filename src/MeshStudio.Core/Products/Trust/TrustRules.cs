using System.Globalization;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Products.Trust;

/// <summary>
/// Judges a product's trust status from its facts (ADR 27): freshness against the SLA, the expectation results of
/// the last run and the pass rate of the last runs, and the job's state. The status is the worst of the reasons;
/// reasons that judge nothing (no SLA, no expectations) are <see cref="TrustStatus.Unknown"/> and do not count.
/// </summary>
public static class TrustRules
{
    /// <summary>How many of the job's newest runs the pass rate counts.</summary>
    public const int RunsCounted = 10;

    /// <summary>Below this share of input rows passing the expectations, a product is degraded.</summary>
    public const double DegradedBelow = 0.99;

    /// <summary>Below this share (most input refused), it is failing.</summary>
    public const double FailingBelow = 0.50;

    public static TrustJudgement Judge(TrustFacts facts, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var reasons = new List<TrustReason> { Freshness(facts, nowUtc) };
        if (facts.Job is { } job)
            reasons.Add(Job(job, nowUtc));
        var runs = facts.Runs.Take(RunsCounted).ToList();
        reasons.AddRange(Quality(runs));
        var judged = reasons.Where(r => r.Status != TrustStatus.Unknown).ToList();
        var status = judged.Count == 0 ? TrustStatus.Unknown : judged.Max(r => r.Status);
        return new TrustJudgement(status, reasons.OrderByDescending(r => r.Status).ToList(), PassRate(runs), runs.Count);
    }

    /// <summary>The share of input rows no DROP or FAIL expectation refused over <paramref name="runs"/>; null when they checked none.</summary>
    public static double? PassRate(IReadOnlyList<TrustRunFacts> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var checkedRuns = runs.Where(r => r.Expectations.Count > 0 && r.RowsIn > 0).ToList();
        var rows = checkedRuns.Sum(r => r.RowsIn);
        if (rows == 0)
            return null;
        // One row can break several expectations: a run never refuses more rows than it read.
        var refused = checkedRuns.Sum(r => Math.Min(r.RowsIn, r.Expectations.Where(e => e.Action != ExpectationAction.Warn).Sum(e => e.Violations)));
        return (double)(rows - refused) / rows;
    }

    private static TrustReason Freshness(TrustFacts facts, DateTime now)
    {
        if (facts.UpToDateAt is not { } at)
            return new(TrustSignal.Freshness, TrustStatus.Unknown, "No data yet: the product has no committed snapshot.");
        var age = now - at < TimeSpan.Zero ? TimeSpan.Zero : now - at;
        return facts.FreshnessSla switch
        {
            null => new(TrustSignal.Freshness, TrustStatus.Unknown, $"Up to date as of {Text(age)} ago; the contract promises no freshness."),
            { } sla when age > sla => new(TrustSignal.Freshness, TrustStatus.Failing,
                $"Stale: last up to date {Text(age)} ago, past the contract's freshness SLA of {Text(sla)}."),
            { } sla => new(TrustSignal.Freshness, TrustStatus.Healthy, $"Fresh: up to date as of {Text(age)} ago, within the SLA of {Text(sla)}."),
        };
    }

    private static TrustReason Job(TrustJobFacts job, DateTime now)
    {
        var schedule = job.RunInterval is { } interval ? $"every {Text(interval)}" : "on demand";
        if (job.LastRunSucceeded == false)
            return new(TrustSignal.Job, TrustStatus.Failing,
                $"The job's last run failed{(job.LastRunAt is { } at ? $" {Text(now - at)} ago" : "")}{(job.IsPaused ? ", and the job is paused" : "")}.");
        if (job.IsPaused)
            return new(TrustSignal.Job, TrustStatus.Degraded, "The job is paused: the product is not being updated.");
        return job.LastRunSucceeded is null
            ? new(TrustSignal.Job, TrustStatus.Unknown, $"The job runs {schedule} and has not run yet.")
            : new(TrustSignal.Job, TrustStatus.Healthy, $"The job runs {schedule}; its last run succeeded.");
    }

    private static IEnumerable<TrustReason> Quality(List<TrustRunFacts> runs)
    {
        var last = runs.FirstOrDefault(r => r.Expectations.Count > 0);
        if (last is null)
        {
            yield return new(TrustSignal.Quality, TrustStatus.Unknown, "No expectations: the job checks no rule on its input.");
            yield break;
        }
        foreach (var broken in last.Expectations.Where(e => e.Violations > 0))
        {
            yield return broken.Action switch
            {
                ExpectationAction.Fail => new(TrustSignal.Quality, TrustStatus.Failing,
                    $"Expectation {broken.Name} failed on {Rows(broken.Violations)} in the last run, which stopped it."),
                ExpectationAction.Drop => new(TrustSignal.Quality, TrustStatus.Degraded,
                    $"Expectation {broken.Name} quarantined {Rows(broken.Violations)} in the last run."),
                _ => new(TrustSignal.Quality, TrustStatus.Degraded,
                    $"Expectation {broken.Name} warned about {Rows(broken.Violations)} in the last run (kept)."),
            };
        }
        if (PassRate(runs) is { } rate)
        {
            var status = rate < FailingBelow ? TrustStatus.Failing : rate < DegradedBelow ? TrustStatus.Degraded : TrustStatus.Healthy;
            var counted = runs.Count(r => r.Expectations.Count > 0 && r.RowsIn > 0);
            yield return new(TrustSignal.Quality, status,
                string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(rate * 1000) / 10:0.#} % of input rows passed the expectations over the last {counted} {(counted == 1 ? "run" : "runs")}."));
        }
    }

    private static string Rows(long count) => count == 1 ? "1 row" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} rows");

    /// <summary>A duration as a person says it: 45 s, 5 min, 3 h, 2 days.</summary>
    public static string Text(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)} s"),
        { TotalMinutes: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min"),
        { TotalHours: < 48 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days"),
    };
}
