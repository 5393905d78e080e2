using System.Collections.Concurrent;
using System.Globalization;
using MeshStudio.Catalog.Entitlements;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Products;
using MeshStudio.Catalog.Sources;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;
using MeshStudio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MeshStudio.Web.Execution;

/// <summary>
/// Runs one job: materialises its SELECT into a new product snapshot with the job owner's entitlements,
/// then records the snapshot and the run in the catalog and tells subscribers.
/// </summary>
public sealed class JobRunner(
    JobService jobs,
    ProductService products,
    SourceService sources,
    EntitlementService entitlements,
    IProductWriter writer,
    IQueryEngine engine,
    ProductChangeFeed changes,
    SnapshotRetention retention,
    IOptions<MeshStudioOptions> options,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    private const int SampleRows = 50;
    private readonly ConcurrentDictionary<QualifiedName, SemaphoreSlim> _running = new();

    /// <summary>Runs the job now; a run of the same job already in progress is awaited first. Returns the run's outcome.</summary>
    public async Task<JobRunOutcome> RunAsync(QualifiedName jobName, CancellationToken cancellationToken)
    {
        var gate = _running.GetOrAdd(jobName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await RunExclusiveAsync(jobName, cancellationToken);
        }
        finally
        {
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
        try
        {
            var grant = await entitlements.GrantForJobAsync(job, cancellationToken);
            rewrite = StreamingRewriter.Rewrite(statement.Query, await SourceEventTimes.LookupAsync(sources, statement.Query, cancellationToken));
            var (checks, unbound) = await ExpectationBinder.BindAsync(engine, grant, statement, job.Definition, cancellationToken);
            if (unbound is not null)
                return await FailAsync(job.Id, jobName, started, unbound, []);
            var snapshot = await writer.WriteSnapshotAsync(grant, rewrite.Sql, statement.KeyColumns, statement.Target, checks, cancellationToken);
            var samples = await SampleAsync(grant, statement.Target, snapshot, cancellationToken);
            await products.RecordSnapshotAsync(statement.Target, snapshot, samples, cancellationToken);
            var finished = time.GetUtcNow().UtcDateTime;
            await jobs.RecordRunAsync(job.Id, started, finished, snapshot.RowCount, null, snapshot.Expectations, snapshot.QuarantineLocation, cancellationToken);
            changes.Publish(new ProductChange(statement.Target, finished, snapshot.RowCount));
            retention.DeleteExpired(statement.Target, snapshot.Location, TimeSpan.FromMinutes(options.Value.Jobs.SnapshotRetentionMinutes));
            return new JobRunOutcome(true, snapshot.RowCount, null) { Expectations = snapshot.Expectations };
        }
        catch (ExpectationFailedException e)
        {
            return await FailAsync(job.Id, jobName, started, e.Error, e.Outcomes);
        }
        catch (SqlException e)
        {
            return await FailAsync(job.Id, jobName, started, ShiftToStatement(rewrite?.MapError(e.Error) ?? e.Error, job.Definition, statement), []);
        }
    }

    private async Task<JobRunOutcome> FailAsync(
        int jobId, QualifiedName jobName, DateTime started, SqlError error, IReadOnlyList<ExpectationOutcome> expectations)
    {
        logger.LogWarning("Job {Job} failed: {Error}", jobName, error);
        await jobs.RecordRunAsync(jobId, started, time.GetUtcNow().UtcDateTime, 0, error.ToString(), expectations, null, CancellationToken.None);
        return new JobRunOutcome(false, 0, error) { Expectations = expectations };
    }

    /// <summary>Sample values per column of the new snapshot, for personal-data detection.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyCollection<string>>> SampleAsync(
        SessionGrant grant, QualifiedName product, SnapshotResult snapshot, CancellationToken cancellationToken)
    {
        var relation = new ReadableRelation(product, RelationKind.Product, snapshot.Columns, snapshot.Location);
        var sampleGrant = new SessionGrant([.. grant.Relations.Where(r => r.Name != product), relation]);
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
}

public sealed record JobRunOutcome(bool Succeeded, long RowCount, SqlError? Error)
{
    /// <summary>Violations per expectation in this run.</summary>
    public IReadOnlyList<ExpectationOutcome> Expectations { get; init; } = [];
}
