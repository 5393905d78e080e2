using MeshStudio.Catalog.Jobs;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;

namespace MeshStudio.Web.Execution;

/// <summary>
/// The rows quarantined by the DROP expectations of the run that wrote a job's current snapshot, for members of
/// the job's domain. They are read through the sandboxed engine with a grant covering only that run's folder.
/// </summary>
public sealed class QuarantineBrowser(JobService jobs, IQueryEngine engine)
{
    public const int MaxRows = 200;

    /// <summary>Up to <see cref="MaxRows"/> quarantined rows (column <c>_expectation</c> first), or null when there are none.</summary>
    public async Task<QueryResult?> ReadAsync(UserContext user, QualifiedName job, CancellationToken cancellationToken)
    {
        var location = await jobs.QuarantineAsync(user, job, cancellationToken);
        if (location is null)
            return null;
        if (!location.StartsWith($"{job.Domain}/products/", StringComparison.Ordinal))
            throw new InvalidOperationException($"The quarantine of {job} is not in its domain's lake folder.");
        var view = new QualifiedName(job.Domain, "quarantine");
        var grant = new SessionGrant([new ReadableRelation(view, RelationKind.Quarantine, Location: location)]);
        IReadOnlyList<ResultColumn> columns = [];
        var rows = new List<object?[]>();
        await foreach (var batch in engine.StreamAsync(grant, $"SELECT * FROM \"{view.Domain}\".\"{view.Name}\" LIMIT {MaxRows}", MaxRows, cancellationToken))
        {
            columns = batch.Columns ?? columns;
            rows.AddRange(batch.Rows);
        }
        return new QueryResult(columns, rows);
    }
}
