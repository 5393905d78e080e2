using System.Globalization;
using System.Text.RegularExpressions;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Web.Features.Catalog;
using MudBlazor;

namespace MeshStudio.Web.Features.Jobs;

/// <summary>How the job pages show a job's health: expectation colours, freshness, throughput, error positions.</summary>
public static partial class JobDisplay
{
    /// <summary>Without a <c>freshness_sla</c> option, a scheduled job's product is stale after this many run intervals.</summary>
    public const int StaleAfterIntervals = 3;

    public static Color ExpectationColor(ExpectationOutcome expectation) => expectation switch
    {
        { Violations: 0 } => Color.Success,
        { Action: ExpectationAction.Fail } => Color.Error,
        _ => Color.Warning,
    };

    /// <summary>
    /// The freshness of a job's product against the job's <c>freshness_sla</c> option (e.g. <c>'10 seconds'</c>), or
    /// against 3× its run interval when it has none.
    /// </summary>
    public static FreshnessStatus Freshness(JobDetails job, DateTime nowUtc)
    {
        if (job.ProductUpdatedAt is not { } updated)
            return new FreshnessStatus("no data yet", Color.Default, "The product has no committed snapshot yet.");
        var age = Catalog.Freshness.Ago(updated, nowUtc);
        var sla = FreshnessSla(job.Definition);
        if (sla is null && job.RunIntervalSeconds is null)
            return new FreshnessStatus($"updated {age}", Color.Default, "The job runs on demand and has no freshness_sla, so its product has no freshness target.");
        var target = sla ?? TimeSpan.FromSeconds(job.RunIntervalSeconds!.Value * StaleAfterIntervals);
        var explanation = sla is null
            ? $"Target: updated within {StaleAfterIntervals}× the run interval ({Span(target)}); set freshness_sla in the job's WITH options to choose it."
            : $"SLA: updated within {Span(target)} (freshness_sla).";
        return nowUtc - updated <= target
            ? new FreshnessStatus($"fresh · updated {age}", Color.Success, explanation)
            : new FreshnessStatus($"stale · updated {age}", Color.Error, explanation);
    }

    /// <summary>The <c>freshness_sla</c> option of a job definition, if it has a valid one.</summary>
    public static TimeSpan? FreshnessSla(string definition)
    {
        try
        {
            return MeshSqlParser.Parse(definition) is CreateJobStatement job && job.Options.TryGetValue("freshness_sla", out var text)
                ? IntervalParser.Parse(text)
                : null;
        }
        catch (SqlException)
        {
            return null;
        }
    }

    /// <summary>What a successful run did, for the page's message.</summary>
    public static string RunMessage(QualifiedName job, QualifiedName product, JobRunOutcome outcome) => outcome.Idle
        ? $"{job} ran: nothing new to read since its last run, so {product} is unchanged."
        : $"{job} ran: {outcome.RowsIn:N0} input rows read, {product} committed with {outcome.RowCount:N0} rows.";

    /// <summary>A whole span in its largest exact unit: 6 s, 3 min, 90 s, 3 h.</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
        _ when span.TotalHours >= 1 && span.TotalMinutes % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} h"),
        _ when span.TotalSeconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
    };

    /// <summary>Input rows per second of a run (null when it recorded no input).</summary>
    public static double? Throughput(JobRunView run)
    {
        if (run.RowsIn <= 0)
            return run.Succeeded ? 0 : null;
        var seconds = Math.Max((run.FinishedAt - run.StartedAt).TotalSeconds, 0.001);
        return Math.Round(run.RowsIn / seconds, 1);
    }

    /// <summary>A run's mode without its reason: <c>full: avg() is not incremental</c> → <c>full</c>.</summary>
    public static string ShortMode(string? mode) =>
        mode is null ? "—" : mode.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? mode[..colon] : mode;

    public static string Latency(long? milliseconds) =>
        milliseconds is { } ms ? Catalog.Freshness.Duration(TimeSpan.FromMilliseconds(ms)) : "—";

    public static string Rate(double? perSecond) =>
        perSecond is { } rate ? rate.ToString(rate >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture) + "/s" : "—";

    /// <summary>The position a recorded error ends with, <c>… (line 3, column 18)</c>; null when it has none.</summary>
    public static (int Line, int Column)? ErrorPosition(string? error)
    {
        if (error is null || PositionPattern().Match(error) is not { Success: true } match)
            return null;
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The error without its trailing position.</summary>
    public static string ErrorMessage(string error) => PositionPattern().Replace(error, "").TrimEnd();

    /// <summary>The lines of <paramref name="definition"/> around <paramref name="line"/> (1-based), with their numbers.</summary>
    public static IReadOnlyList<(int Number, string Text)> LinesAround(string definition, int line, int context = 1)
    {
        var lines = definition.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var from = Math.Max(1, line - context);
        var to = Math.Min(lines.Length, line + context);
        return Enumerable.Range(from, Math.Max(0, to - from + 1)).Select(n => (n, lines[n - 1])).ToList();
    }

    public static string DiffPrefix(DiffKind kind) => kind switch
    {
        DiffKind.Added => "+",
        DiffKind.Removed => "−",
        _ => " ",
    };

    [GeneratedRegex(@"\s*\(line (\d+), column (\d+)\)\s*$")]
    private static partial Regex PositionPattern();
}

/// <param name="Text">e.g. "fresh · updated 4 s ago".</param>
/// <param name="Explanation">What the status is measured against.</param>
public sealed record FreshnessStatus(string Text, Color Color, string Explanation);
