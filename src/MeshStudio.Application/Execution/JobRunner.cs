using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MeshStudio.Application.Execution.Incremental;
using MeshStudio.Application.Jobs;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Telemetry;
using MeshStudio.Engine.Ingestion;
using Microsoft.Extensions.Logging;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Runs one job: reads the events its streams received since its checkpoint (or everything, for a job that cannot
/// run incrementally), writes the product's next snapshot with the job owner's entitlements, then commits the
/// snapshot, the run and the new checkpoint together and tells subscribers.
/// </summary>
public sealed partial class JobRunner(
    JobService jobs,
    JobInputs inputs,
    RunRecorder recorder,
    IProductWriter writer,
    IQueryEngine engine,
    ISqlParser parser,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    private const int SampleRows = 50;
    private readonly ConcurrentDictionary<QualifiedName, SemaphoreSlim> _running = new();

    /// <summary>
    /// Each job's expectations bound to its inputs, for the definition they were bound for: binding opens a session per
    /// expectation, which a job running every second should not pay on every run. Dropped when a run fails.
    /// </summary>
    private readonly ConcurrentDictionary<QualifiedName, (string Definition, IReadOnlyList<ExpectationCheck> Checks)> _bound = new();

    /// <summary>Runs the job now; a run of the same job already in progress is awaited first. Returns the run's outcome.</summary>
    public async Task<JobRunOutcome> RunAsync(QualifiedName jobName, CancellationToken cancellationToken)
    {
        var gate = _running.GetOrAdd(jobName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        using var activity = MeshTelemetry.ActivitySource.StartActivity("job.run");
        activity?.SetTag(MeshTelemetry.JobAttribute, jobName.ToString());
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await RunExclusiveAsync(jobName, cancellationToken);
            outcome = result switch { { Idle: true } => "idle", { Succeeded: true } => "committed", _ => "failed" };
            foreach (var expectation in result.Expectations)
                MeshTelemetry.RecordViolations(jobName.ToString(), expectation.Name, expectation.Action.ToString(), expectation.Violations);
            MeshTelemetry.RecordJobRun(jobName.ToString(), outcome, Stopwatch.GetElapsedTime(started), result.Lag);
            return result;
        }
        catch
        {
            MeshTelemetry.RecordJobRun(jobName.ToString(), outcome, Stopwatch.GetElapsedTime(started), null);
            throw;
        }
        finally
        {
            activity?.SetTag(MeshTelemetry.OutcomeAttribute, outcome);
            gate.Release();
        }
    }

    private async Task<JobRunOutcome> RunExclusiveAsync(QualifiedName jobName, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(jobName, cancellationToken)
                  ?? throw new InvalidOperationException($"Job {jobName} does not exist.");
        var statement = (CreateJobStatement)MeshSqlParser.Parse(job.Definition);
        var started = time.GetUtcNow().UtcDateTime;
        StreamingRewrite? rewrite = null;
        IncrementalRun? run = null;
        try
        {
            var grant = await inputs.GrantForAsync(job, cancellationToken);
            rewrite = await inputs.RewriteAsync(statement.Query, cancellationToken);
            var plan = IncrementalPlanner.Plan(parser.Parse(statement.Query), statement.KeyColumns, name => JobInputs.RoleOf(grant, name));
            var startFromNow = string.Equals(statement.Options.GetValueOrDefault("start_from"), "now", StringComparison.OrdinalIgnoreCase);
            run = IncrementalRun.Decide(plan, job.Definition, job.Checkpoint, startFromNow, await inputs.StreamsAsync(plan, cancellationToken));
            var previous = grant.Relations.FirstOrDefault(r => r.Name == statement.Target)?.Location;
            if (run.IsIdle(previous is not null))
            {
                await recorder.RecordIdleAsync(job.Id, started, job.Checkpoint, run.Idle().Serialize(), cancellationToken);
                return new JobRunOutcome(true, 0, null) { Idle = true };
            }
            if (!_bound.TryGetValue(jobName, out var bound) || bound.Definition != job.Definition)
            {
                var (bind, unbound) = await ExpectationBinder.BindAsync(engine, parser, grant, statement, job.Definition, cancellationToken);
                if (unbound is not null)
                    return await FailAsync(job.Id, jobName, started, unbound, [], run);
                _bound[jobName] = bound = (job.Definition, bind);
            }
            var checks = bound.Checks;
            var request = new SnapshotRequest(
                run.Restrict(grant), rewrite.Sql, statement.KeyColumns, statement.Target, [.. checks, .. run.LateEventChecks()],
                run.SnapshotPlan(previous), run.Probes())
            {
                PartitionBy = PartitionColumns(statement),
            };
            var snapshot = await writer.WriteSnapshotAsync(request, cancellationToken);
            var samples = await SampleAsync(grant, statement.Target, snapshot, cancellationToken);
            var finished = time.GetUtcNow().UtcDateTime;
            var rowsIn = snapshot.Inputs.Sum(i => i.Rows);
            var record = new JobRunRecord(job.Id, started, finished, rowsIn, snapshot.RowCount, Latency(run, rowsIn, finished), run.Plan.Description, null)
            {
                Expectations = snapshot.Expectations,
                QuarantineLocation = snapshot.QuarantineLocation,
            };
            if (!await recorder.CommitAsync(statement.Target, snapshot, samples, record, job.Checkpoint, run.Next(snapshot.Inputs).Serialize(), cancellationToken))
            {
                LogRunSuperseded(logger, jobName);
                return new JobRunOutcome(false, 0, new SqlError("The run was superseded by a backfill or a new version of the job; the next run starts over."));
            }
            return new JobRunOutcome(true, snapshot.RowCount, null)
            {
                Expectations = snapshot.Expectations,
                RowsIn = rowsIn,
                Mode = run.Plan.Description,
                Lag = record.LatencyMs is { } lag ? TimeSpan.FromMilliseconds(lag) : null,
            };
        }
        catch (ExpectationFailedException e)
        {
            return await FailAsync(job.Id, jobName, started, e.Error, e.Outcomes, run);
        }
        catch (SqlException e)
        {
            return await FailAsync(job.Id, jobName, started, ShiftToStatement(rewrite?.MapError(e.Error) ?? e.Error, job.Definition, statement), [], run);
        }
    }

    /// <summary>The <c>partition_by</c> option: Hive partition columns, comma-separated.</summary>
    private static string[] PartitionColumns(CreateJobStatement statement) =>
        statement.Options.TryGetValue("partition_by", out var text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>From the arrival of the newest event read to the commit.</summary>
    private static long? Latency(IncrementalRun run, long rowsIn, DateTime committed)
    {
        if (rowsIn == 0 || run.Streams.Count == 0)
            return null;
        var newest = SourcePositions.ArrivalOf(run.Streams.Max(s => s.Tail));
        return Math.Max(0, (long)(committed - newest).TotalMilliseconds);
    }

    private async Task<JobRunOutcome> FailAsync(
        int jobId, QualifiedName jobName, DateTime started, SqlError error, IReadOnlyList<ExpectationOutcome> expectations, IncrementalRun? run)
    {
        LogRunFailed(logger, jobName, error);
        _bound.TryRemove(jobName, out _);
        var record = new JobRunRecord(jobId, started, time.GetUtcNow().UtcDateTime, 0, 0, null, run?.Plan.Description, error.ToString())
        {
            Expectations = expectations,
        };
        await recorder.RecordFailureAsync(record);
        return new JobRunOutcome(false, 0, error) { Expectations = expectations };
    }

    /// <summary>Sample values per column of the new snapshot, for personal-data detection.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyCollection<string>>> SampleAsync(
        SessionGrant grant, QualifiedName product, SnapshotResult snapshot, CancellationToken cancellationToken)
    {
        var relation = new ReadableRelation(product, RelationKind.Product, snapshot.Columns, snapshot.Location);
        var sampleGrant = new SessionGrant([.. grant.Relations.Where(r => r.Name != product), relation]) { Caller = grant.Caller };
        var values = snapshot.Columns.ToDictionary(c => c.Name, _ => new List<string>());
        await foreach (var batch in engine.StreamAsync(sampleGrant, $"SELECT * FROM {product} LIMIT {SampleRows}", SampleRows, cancellationToken))
        {
            foreach (var row in batch.Rows)
            {
                for (var i = 0; i < row.Length && i < snapshot.Columns.Count; i++)
                {
                    if (row[i] is { } value)
                        values[snapshot.Columns[i].Name].Add(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
        return values.ToDictionary(v => v.Key, v => (IReadOnlyCollection<string>)v.Value);
    }

    /// <summary>Errors in the SELECT are reported at their position in the whole CREATE JOB statement.</summary>
    private static SqlError ShiftToStatement(SqlError error, string definition, CreateJobStatement statement) =>
        SqlPositions.Shift(error, definition, statement.QueryOffset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: a backfill or new version was requested during the run; its result is discarded.")]
    private static partial void LogRunSuperseded(ILogger logger, QualifiedName job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} failed: {Error}")]
    private static partial void LogRunFailed(ILogger logger, QualifiedName job, SqlError error);
}

public sealed record JobRunOutcome(bool Succeeded, long RowCount, SqlError? Error)
{
    /// <summary>True when there was nothing new to read and no snapshot was written.</summary>
    public bool Idle { get; init; }

    /// <summary>Input events the run read.</summary>
    public long RowsIn { get; init; }

    /// <summary>How the run computed the product (e.g. "incremental (merge)").</summary>
    public string? Mode { get; init; }

    /// <summary>From the arrival of the newest event the run read to its commit; null when it read none.</summary>
    public TimeSpan? Lag { get; init; }

    /// <summary>Violations per expectation in this run.</summary>
    public IReadOnlyList<ExpectationOutcome> Expectations { get; init; } = [];
}
