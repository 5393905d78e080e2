namespace MeshStudio.Catalog.Notifications;

/// <summary>In-process signal that a user's inbox changed, raised after the change committed; live inboxes listen here.</summary>
public sealed class NotificationSignal
{
    private readonly Lock _gate = new();
    private readonly List<(string UserId, Action Changed)> _listeners = [];

    /// <summary>Calls <paramref name="changed"/> whenever <paramref name="userId"/>'s inbox changes, until disposed.</summary>
    public IDisposable Listen(string userId, Action changed)
    {
        var entry = (userId, changed);
        lock (_gate)
            _listeners.Add(entry);
        return new Subscription(() =>
        {
            lock (_gate)
                _listeners.Remove(entry);
        });
    }

    public void Raise(IEnumerable<string> userIds)
    {
        var users = userIds.ToHashSet(StringComparer.Ordinal);
        List<Action> calls;
        lock (_gate)
            calls = _listeners.Where(l => users.Contains(l.UserId)).Select(l => l.Changed).ToList();
        foreach (var call in calls)
            call();
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
