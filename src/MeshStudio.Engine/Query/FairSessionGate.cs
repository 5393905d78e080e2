using MeshStudio.Core.Execution;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Query;

/// <summary>
/// Hands out query sessions fairly. A user holds at most <see cref="SessionSharing.PerUser"/> sessions (a sleeping
/// query or one whose consumer is idle still holds its session); when a session frees up it goes to the waiting user
/// who holds the fewest, so one user's backlog never delays another user's first query by more than one query.
/// Background callers (job runs) are not counted here: the scheduler bounds them.
/// </summary>
public sealed class FairSessionGate(SessionSharing sharing)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter> _waiting = new();
    private int _heldTotal;

    /// <summary>Sessions held by users' queries right now.</summary>
    public int Held
    {
        get
        {
            lock (_lock)
                return _heldTotal;
        }
    }

    /// <summary>
    /// Waits for a session for <paramref name="caller"/>; dispose the result to give it back. Throws
    /// <see cref="QueryBusyException"/> when the caller has too many queries waiting or none frees up in time.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(QueryCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsBackground)
            return Lease.None;
        Waiter waiter;
        lock (_lock)
        {
            if (_heldTotal < sharing.Total && HeldBy(caller.Owner) < sharing.PerUser)
                return Take(caller.Owner);
            if (_waiting.Count(w => w.Owner == caller.Owner) >= sharing.MaxQueuedPerUser)
            {
                throw new QueryBusyException(
                    $"Too many queries at once: you have {HeldBy(caller.Owner)} running and {sharing.MaxQueuedPerUser} waiting for a free query slot. Wait for one to finish or cancel one.",
                    isUserLimit: true, RetryAfter);
            }
            waiter = new Waiter(caller.Owner);
            _waiting.AddLast(waiter.Node = new LinkedListNode<Waiter>(waiter));
        }
        caller.Queued?.Invoke();
        try
        {
            return await waiter.Granted.Task.WaitAsync(sharing.MaxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.Node!.List is not null)
                    _waiting.Remove(waiter.Node);
            }
            // Granted in the same instant: either Release sees the cancellation and gives the lease back, or it is ours to give back.
            if (!waiter.Granted.TrySetCanceled(CancellationToken.None))
                (await waiter.Granted.Task.ConfigureAwait(false)).Dispose();
            if (e is OperationCanceledException)
                throw;
            throw new QueryBusyException(
                $"All query slots stayed busy for {SqlFailures.Describe(sharing.MaxWait)}; the query did not start. Try again shortly.",
                isUserLimit: false, RetryAfter);
        }
    }

    private TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Clamp(sharing.MaxWait.TotalSeconds / 6, 1, 10));

    private int HeldBy(string owner) => _held.GetValueOrDefault(owner);

    private Lease Take(string owner)
    {
        _held[owner] = HeldBy(owner) + 1;
        _heldTotal++;
        return new Lease(this, owner);
    }

    private void Release(string owner)
    {
        var granted = new List<(Waiter Waiter, Lease Lease)>();
        lock (_lock)
        {
            _heldTotal--;
            if (HeldBy(owner) <= 1)
                _held.Remove(owner);
            else
                _held[owner] = HeldBy(owner) - 1;
            while (_heldTotal < sharing.Total && NextEligible() is { } next)
            {
                _waiting.Remove(next.Node!);
                granted.Add((next, Take(next.Owner)));
            }
        }
        foreach (var (waiter, lease) in granted)
        {
            if (!waiter.Granted.TrySetResult(lease))
                lease.Dispose();
        }
    }

    /// <summary>The earliest waiter of the user holding the fewest sessions, among users below their cap.</summary>
    private Waiter? NextEligible()
    {
        Waiter? best = null;
        var bestHeld = int.MaxValue;
        foreach (var waiter in _waiting)
        {
            var held = HeldBy(waiter.Owner);
            if (held < sharing.PerUser && held < bestHeld)
            {
                best = waiter;
                bestHeld = held;
            }
        }
        return best;
    }

    private sealed class Waiter(string owner)
    {
        public string Owner { get; } = owner;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(FairSessionGate? gate, string owner) : IDisposable
    {
        public static Lease None { get; } = new(null, "");
        private int _released;

        public void Dispose()
        {
            if (gate is not null && Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release(owner);
        }
    }
}
