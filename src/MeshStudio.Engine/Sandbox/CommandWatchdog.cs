using DuckDB.NET.Data;

namespace MeshStudio.Engine.Sandbox;

/// <summary>Cancels a running DuckDB command when its time limit passes or the caller cancels.</summary>
public sealed class CommandWatchdog : IDisposable
{
    private readonly Timer _timer;
    private readonly CancellationTokenRegistration _registration;
    private int _timedOut;

    public CommandWatchdog(DuckDBCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        _timer = new Timer(_ =>
        {
            Interlocked.Exchange(ref _timedOut, 1);
            TryCancel(command);
        }, null, timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _registration = cancellationToken.Register(() => TryCancel(command));
    }

    /// <summary>True once the time limit has passed.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    public void Dispose()
    {
        _timer.Dispose();
        _registration.Dispose();
    }

    private static void TryCancel(DuckDBCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
