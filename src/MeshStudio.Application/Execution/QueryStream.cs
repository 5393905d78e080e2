using MeshStudio.Core.Execution;

namespace MeshStudio.Application.Execution;

/// <summary>
/// A started query: its columns are known (so errors in the SQL have been raised before a response starts) and its
/// batches are read one at a time. Disposing it ends the query and frees its session.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A stream of result batches (not a System.IO.Stream), named as the API streams it.")]
public sealed class QueryStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<QueryBatch> _batches;
    private bool _firstPending = true;

    private QueryStream(IAsyncEnumerator<QueryBatch> batches)
    {
        _batches = batches;
        Columns = batches.Current.Columns ?? [];
    }

    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Starts <paramref name="batches"/> and waits for its first batch.</summary>
    public static async Task<QueryStream> StartAsync(IAsyncEnumerable<QueryBatch> batches, CancellationToken cancellationToken)
    {
        var enumerator = batches.GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await enumerator.MoveNextAsync())
                throw new InvalidOperationException("The engine returned no batch, not even the columns.");
            return new QueryStream(enumerator);
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    /// <summary>The batches, the first one included; read once.</summary>
    public async IAsyncEnumerable<QueryBatch> ReadAllAsync()
    {
        if (_firstPending)
        {
            _firstPending = false;
            yield return _batches.Current;
        }
        while (await _batches.MoveNextAsync())
            yield return _batches.Current;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();
}
