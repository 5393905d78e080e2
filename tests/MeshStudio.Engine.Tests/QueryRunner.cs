using MeshStudio.Core.Execution;

namespace MeshStudio.Engine.Tests;

internal static class QueryRunner
{
    public static async Task<List<QueryBatch>> CollectAsync(
        IQueryEngine engine, SessionGrant grant, string sql, int batchSize = 1000, CancellationToken cancellationToken = default)
    {
        var batches = new List<QueryBatch>();
        await foreach (var batch in engine.StreamAsync(grant, sql, batchSize, cancellationToken))
            batches.Add(batch);
        return batches;
    }

    public static async Task<List<object?[]>> RowsAsync(IQueryEngine engine, SessionGrant grant, string sql) =>
        (await CollectAsync(engine, grant, sql)).SelectMany(b => b.Rows).ToList();
}
