using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Telemetry;
using MeshStudio.Engine.Sandbox;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Query;

/// <summary>
/// Runs one read-only statement per call in a fresh <see cref="SandboxSession"/> and streams its rows.
/// Sessions are shared fairly between the grants' callers (<see cref="FairSessionGate"/>); others wait.
/// </summary>
public sealed class DuckDbQueryEngine : IQueryEngine
{
    private readonly LakeLayout _layout;
    private readonly QueryLimits _limits;
    private readonly FairSessionGate _gate;
    private int _activeSessions;

    public DuckDbQueryEngine(LakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _layout = new LakeLayout(options);
        _limits = options.Limits;
        _gate = new FairSessionGate(options.Sessions);
    }

    /// <summary>How many DuckDB sessions are open right now.</summary>
    public int ActiveSessions => Volatile.Read(ref _activeSessions);

    public async IAsyncEnumerable<QueryBatch> StreamAsync(
        SessionGrant grant, string sql, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        DeniedRelationScanner.ThrowIfDenied(sql, grant.Denied);

        var queued = Stopwatch.GetTimestamp();
        using var lease = await _gate.AcquireAsync(grant.Caller, cancellationToken).ConfigureAwait(false);
        var waited = Stopwatch.GetElapsedTime(queued);
        var caller = grant.Caller.IsBackground ? "background" : "user";
        using var activity = MeshTelemetry.ActivitySource.StartActivity("query");
        activity?.SetTag(MeshTelemetry.CallerAttribute, caller);
        var started = Stopwatch.GetTimestamp();
        var outcome = "";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<QueryBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        Task producer = Task.CompletedTask;
        try
        {
            producer = Task.Run(() => Produce(grant, sql, batchSize, channel.Writer, stop.Token), CancellationToken.None);
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return batch;
            outcome = "completed";
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            // Not completed: failed when the query's error ended it, else cancelled or left unread by its consumer.
            if (outcome != "completed")
                outcome = channel.Reader.Completion is { IsFaulted: true, Exception.InnerException: not OperationCanceledException } ? "failed" : "cancelled";
            activity?.SetTag(MeshTelemetry.OutcomeAttribute, outcome);
            MeshTelemetry.RecordQuery(caller, waited, Stopwatch.GetElapsedTime(started), outcome);
        }
    }

    private void Produce(SessionGrant grant, string sql, int batchSize, ChannelWriter<QueryBatch> writer, CancellationToken token)
    {
        Exception? failure = null;
        try
        {
            token.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _activeSessions);
            try
            {
                using var session = OpenSession(grant);
                using var command = session.CreateCommand(sql);
                command.UseStreamingMode = true;
                using var watchdog = new CommandWatchdog(command, _limits.Timeout, token);
                try
                {
                    ReadOnlyStatementGuard.Ensure(session.Connection, sql);
                    Stream(command, batchSize, writer, watchdog, token);
                }
                catch (Exception ex) when (ex is not SqlException)
                {
                    throw SqlFailures.Map(ex, watchdog, _limits, _layout.RootPath, sql, sql, 0, grant.Denied, token);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _activeSessions);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        writer.TryComplete(failure);
    }

    /// <summary>A session for <paramref name="grant"/>; a relation that cannot be opened (its files are gone) is the user's error.</summary>
    private SandboxSession OpenSession(SessionGrant grant)
    {
        try
        {
            return SandboxSession.Open(_layout, _limits, grant);
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            throw new SqlException(new SqlError(ServerPaths.Hide(e.Message, _layout.RootPath)));
        }
    }

    private void Stream(DuckDB.NET.Data.DuckDBCommand command, int batchSize, ChannelWriter<QueryBatch> writer, CommandWatchdog watchdog, CancellationToken token)
    {
        using var reader = command.ExecuteReader();
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = new ResultColumn(reader.GetName(i), DuckDbTypeNames.ToSqlName(reader.GetDataTypeName(i)));

        long total = 0;
        long batchBytes = 0;
        var first = true;
        var rows = new List<object?[]>(Math.Min(batchSize, 1024));
        while (true)
        {
            var more = reader.Read();
            if (watchdog.TimedOut)
                throw SqlFailures.Timeout(_limits.Timeout);
            token.ThrowIfCancellationRequested();
            if (more)
            {
                var row = new object?[columns.Length];
                for (var i = 0; i < row.Length; i++)
                    row[i] = ResultValueReader.Read(reader, i, columns[i]);
                rows.Add(row);
                batchBytes += RowSize.Estimate(row);
                total++;
            }
            if (rows.Count == batchSize || batchBytes >= _limits.MaxBatchBytes || (!more && (rows.Count > 0 || first)))
            {
                writer.WriteAsync(new QueryBatch(first ? columns : null, rows, total), token).AsTask().GetAwaiter().GetResult();
                first = false;
                rows = new List<object?[]>(Math.Min(batchSize, 1024));
                batchBytes = 0;
            }
            if (!more)
                return;
        }
    }
}
