using System.Diagnostics;
using MeshStudio.Application.Execution;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;

namespace MeshStudio.Web.Features.Studio;

/// <summary>
/// The Studio's result pane state: streams one query's batches from the execution service, keeps the rows,
/// the elapsed time and the error, and raises <see cref="Changed"/> as they arrive.
/// </summary>
public sealed class QueryRun(ExecutionService execution) : IDisposable
{
    public const int MaxRowsKept = 100_000;

    private CancellationTokenSource? _cancel;
    private readonly Stopwatch _clock = new();

    public IReadOnlyList<ResultColumn> Columns { get; private set; } = [];
    public List<object?[]> Rows { get; } = [];

    public bool IsRunning { get; private set; }

    /// <summary>True while the query waits for a free query slot (the user's share or the server's are all in use).</summary>
    public bool IsWaiting { get; private set; }
    public bool WasCancelled { get; private set; }
    /// <summary>True when rows were left out: more than <see cref="MaxRowsKept"/>, or more bytes than one result may hold.</summary>
    public bool Truncated { get; private set; }
    public SqlError? Error { get; private set; }
    public TimeSpan Elapsed => _clock.Elapsed;
    public string? Sql { get; private set; }

    public event Func<Task>? Changed;

    public async Task RunAsync(UserContext user, string sql)
    {
        Cancel();
        _cancel = new CancellationTokenSource();
        var token = _cancel.Token;
        Sql = sql;
        Columns = [];
        Rows.Clear();
        Error = null;
        WasCancelled = false;
        Truncated = false;
        IsWaiting = false;
        IsRunning = true;
        _clock.Restart();
        await NotifyAsync();
        try
        {
            var budget = new ResultBudget(MaxRowsKept, execution.MaxResultBytes);
            await foreach (var batch in execution.QueryAsync(user, sql, ExecutionService.DefaultBatchSize, OnQueued, token))
            {
                IsWaiting = false;
                Columns = batch.Columns ?? Columns;
                Rows.AddRange(budget.Take(batch));
                if (budget.TruncatedBy is not null)
                {
                    Truncated = true;
                    break;
                }
                await NotifyAsync();
            }
        }
        catch (SqlException e)
        {
            Error = e.Error;
        }
        catch (QueryBusyException e)
        {
            Error = new SqlError(e.Message);
        }
        catch (OperationCanceledException)
        {
            WasCancelled = true;
        }
        finally
        {
            _clock.Stop();
            IsWaiting = false;
            IsRunning = false;
        }
        await NotifyAsync();
    }

    public void Cancel() => _cancel?.Cancel();

    private void OnQueued()
    {
        IsWaiting = true;
        _ = NotifyAsync();
    }

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }
}
