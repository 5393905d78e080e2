using System.Diagnostics;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Execution;

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
    public bool WasCancelled { get; private set; }
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
        IsRunning = true;
        _clock.Restart();
        await NotifyAsync();
        try
        {
            await foreach (var batch in execution.QueryAsync(user, sql, ExecutionService.DefaultBatchSize, token))
            {
                Columns = batch.Columns ?? Columns;
                Rows.AddRange(batch.Rows.Take(MaxRowsKept - Rows.Count));
                if (Rows.Count >= MaxRowsKept)
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
        catch (OperationCanceledException)
        {
            WasCancelled = true;
        }
        finally
        {
            _clock.Stop();
            IsRunning = false;
        }
        await NotifyAsync();
    }

    public void Cancel() => _cancel?.Cancel();

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }
}
