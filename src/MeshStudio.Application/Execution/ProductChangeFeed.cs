using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Execution;

/// <summary>In-process publish/subscribe of product commits: the hub and live Studio grids listen here.</summary>
public sealed class ProductChangeFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<ProductChange>> _subscribers = [];

    public void Publish(ProductChange change)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(change);
        }
    }

    /// <summary>Changes of one product from now on, until cancelled. A slow reader only sees the latest changes.</summary>
    public async IAsyncEnumerable<ProductChange> SubscribeAsync(QualifiedName product, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ProductChange>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
            _subscribers.Add(channel);
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (change.Product == product)
                    yield return change;
            }
        }
        finally
        {
            lock (_gate)
                _subscribers.Remove(channel);
        }
    }
}
