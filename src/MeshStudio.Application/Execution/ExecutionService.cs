using System.Runtime.CompilerServices;
using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Products;
using MeshStudio.Application.Sources;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Engine;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Runs a user's read-only SQL with exactly that user's entitlements. The Studio and the SignalR hub
/// and the REST API are consumers of this one service, and every query they run is audited here (validation is not).
/// </summary>
public sealed class ExecutionService(
    EntitlementService entitlements, IQueryEngine engine, SourceService sources,
    ProductService products, LakeLayout lake, QueryAudit audit, ISqlParser parser, JobRetention retention, ResultLimit limit)
{
    public const int DefaultBatchSize = 500;

    private readonly SnapshotResolver _snapshots = new(products, lake, parser, retention.Snapshots);

    public IAsyncEnumerable<QueryBatch> QueryAsync(UserContext user, string sql, int batchSize, CancellationToken cancellationToken) =>
        QueryAsync(user, sql, batchSize, queued: null, cancellationToken);

    /// <summary>Streams the rows of the user's query; <paramref name="queued"/> is called if it has to wait for a free query slot.</summary>
    public IAsyncEnumerable<QueryBatch> QueryAsync(UserContext user, string sql, int batchSize, Action? queued, CancellationToken cancellationToken) =>
        RunAsync(user, sql, batchSize, queued, auditAsQuery: true, cancellationToken);

    /// <summary>
    /// Streams the rows of the user's query, written to the audit log as <see cref="QueryAudit.Action"/> unless a use
    /// case of this layer audits the read under its own name (<paramref name="auditAsQuery"/> false: product downloads).
    /// </summary>
    private async IAsyncEnumerable<QueryBatch> RunAsync(
        UserContext user, string sql, int batchSize, Action? queued, bool auditAsQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (MeshSqlParser.Parse(sql) is not QueryStatement)
        {
            throw new SqlException(new SqlError(
                "CREATE SOURCE and CREATE JOB are deployed, not run as a query: use Deploy in the Studio or POST /api/domains/{domain}/pipelines.",
                1, 1));
        }
        var (grant, rewrite, map) = await PrepareAsync(user, sql, cancellationToken);
        if (auditAsQuery)
            await audit.WriteAsync(user, grant, rewrite, sql, cancellationToken);
        grant = grant with { Caller = grant.Caller with { Queued = queued } };
        await using var batches = engine.StreamAsync(grant, rewrite, Math.Clamp(batchSize, 1, 10_000), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await batches.MoveNextAsync())
                    break;
            }
            catch (SqlException e)
            {
                throw new SqlException(map(e.Error));
            }
            yield return batches.Current;
        }
    }

    /// <summary>Binds <paramref name="query"/> with the user's entitlements without running it; null when it is valid.</summary>
    public async Task<SqlError?> ValidateAsync(UserContext user, string query, CancellationToken cancellationToken) =>
        (await DescribeAsync(user, query, cancellationToken)).Error;

    /// <summary>
    /// The columns <paramref name="query"/> would produce, as DuckDB types them, found by binding it with the user's
    /// entitlements without running it; or the error that stops it binding. Both null when no query slot was free to
    /// check it now (running it will tell).
    /// </summary>
    public async Task<(IReadOnlyList<ColumnSchema>? Columns, SqlError? Error)> DescribeAsync(
        UserContext user, string query, CancellationToken cancellationToken)
    {
        const string describe = "DESCRIBE ";
        SessionGrant grant;
        string rewrite;
        Func<SqlError, SqlError> map;
        try
        {
            (grant, rewrite, map) = await PrepareAsync(user, query, cancellationToken);
        }
        catch (SqlException e)
        {
            return (null, e.Error);
        }
        try
        {
            var columns = new List<ColumnSchema>();
            await foreach (var batch in engine.StreamAsync(grant, describe + rewrite, 100, cancellationToken))
                columns.AddRange(batch.Rows.Select(row => new ColumnSchema((string)row[0]!, (string)row[1]!)));
            return (columns, null);
        }
        catch (QueryBusyException)
        {
            return (null, null);
        }
        catch (SqlException e)
        {
            return (null, map(e.Error is { Line: 1, Column: > 0 } error
                ? error with { Column = Math.Max(1, error.Column.Value - describe.Length) }
                : e.Error));
        }
    }

    /// <summary>
    /// The user's grant (plus the earlier snapshots their <c>SNAPSHOT(…)</c> calls read), the SQL to run with the
    /// dialect's extensions rewritten, and how to position an error of that SQL in the user's text.
    /// </summary>
    private async Task<(SessionGrant Grant, string Sql, Func<SqlError, SqlError> MapError)> PrepareAsync(
        UserContext user, string sql, CancellationToken cancellationToken)
    {
        var (snapshots, grant) = await _snapshots.ResolveAsync(user, sql, await entitlements.GrantForAsync(user, cancellationToken), cancellationToken);
        StreamingRewrite rewrite;
        try
        {
            rewrite = StreamingRewriter.Rewrite(parser, snapshots.Sql, await SourceEventTimes.LookupAsync(sources, parser, snapshots.Sql, cancellationToken));
        }
        catch (SqlException e)
        {
            throw new SqlException(snapshots.Text.MapError(e.Error));
        }
        return (grant, rewrite.Sql, error => snapshots.Text.MapError(rewrite.MapError(error)));
    }

    /// <summary>
    /// Binds each expectation of <paramref name="job"/> to an input of its SELECT with the user's entitlements;
    /// null when all bind, otherwise the first error positioned in <paramref name="text"/> (which <paramref name="job"/> was parsed from).
    /// </summary>
    public async Task<SqlError?> ValidateExpectationsAsync(UserContext user, CreateJobStatement job, string text, CancellationToken cancellationToken)
    {
        if (job.Expectations.Count == 0)
            return null;
        var grant = await entitlements.GrantForAsync(user, cancellationToken);
        var (_, error) = await ExpectationBinder.BindAsync(engine, parser, grant, job, text, cancellationToken);
        return error;
    }

    /// <summary>About how many bytes one result may hold in a response, a hub stream or the Studio.</summary>
    public long MaxResultBytes => limit.MaxBytes;

    /// <summary>Starts the user's query and waits for its columns, so errors in the SQL come before any response does.</summary>
    public Task<QueryStream> StartAsync(UserContext user, string sql, CancellationToken cancellationToken) =>
        QueryStream.StartAsync(RunAsync(user, sql, DefaultBatchSize, queued: null, auditAsQuery: true, cancellationToken), cancellationToken);

    /// <summary>As <see cref="StartAsync"/>, for a use case that audits the read under its own name (product downloads).</summary>
    internal Task<QueryStream> StartUnauditedAsync(UserContext user, string sql, CancellationToken cancellationToken) =>
        QueryStream.StartAsync(RunAsync(user, sql, DefaultBatchSize, queued: null, auditAsQuery: false, cancellationToken), cancellationToken);

    /// <summary>The first rows of a query, at most <paramref name="maxRows"/> and <see cref="MaxResultBytes"/> (samples, previews).</summary>
    public async Task<QueryResult> QueryAllAsync(UserContext user, string sql, int maxRows, CancellationToken cancellationToken)
    {
        IReadOnlyList<ResultColumn> columns = [];
        var rows = new List<object?[]>();
        var budget = new ResultBudget(maxRows, MaxResultBytes);
        await foreach (var batch in QueryAsync(user, sql, Math.Min(maxRows, DefaultBatchSize), cancellationToken))
        {
            columns = batch.Columns ?? columns;
            rows.AddRange(budget.Take(batch));
            if (budget.TruncatedBy is not null)
                break;
        }
        return new QueryResult(columns, rows, budget.TruncatedBy is not null);
    }
}
