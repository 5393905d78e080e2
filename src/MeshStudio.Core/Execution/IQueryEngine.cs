namespace MeshStudio.Core.Execution;

/// <summary>Runs read-only user SQL in a sandboxed session and streams the result.</summary>
public interface IQueryEngine
{
    /// <summary>
    /// Streams the rows of <paramref name="sql"/> in batches of at most <paramref name="batchSize"/> rows.
    /// Throws <see cref="SqlException"/> for any error in the SQL, a denied relation, or a limit reached.
    /// </summary>
    IAsyncEnumerable<QueryBatch> StreamAsync(SessionGrant grant, string sql, int batchSize, CancellationToken cancellationToken);
}
