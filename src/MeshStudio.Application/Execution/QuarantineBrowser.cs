using System.Globalization;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine;

namespace MeshStudio.Application.Execution;

/// <summary>
/// The rows quarantined by a job's recent runs (DROP expectations and late events), newest run first, for members
/// of the job's domain. They are read through the sandboxed engine with a grant covering only those runs' folders.
/// </summary>
public sealed class QuarantineBrowser(JobService jobs, IQueryEngine engine, LakeLayout lake)
{
    public const int MaxRows = 200;
    private const int MaxRuns = 20;

    /// <summary>Up to <see cref="MaxRows"/> quarantined rows (columns <c>_run</c>, <c>_expectation</c> first), or null when there are none.</summary>
    public async Task<QueryResult?> ReadAsync(UserContext user, QualifiedName job, CancellationToken cancellationToken)
    {
        var locations = (await jobs.QuarantineAsync(user, job, MaxRuns, cancellationToken))
            .Where(l => Directory.Exists(lake.ResolveLocation(l))) // older than the quarantine retention: deleted
            .ToList();
        if (locations.Count == 0)
            return null;
        if (locations.Any(l => !l.StartsWith($"{job.Domain}/products/", StringComparison.Ordinal)))
            throw new InvalidOperationException($"The quarantine of {job} is not in its domain's lake folder.");
        var relations = locations
            .Select((location, i) => new ReadableRelation(new QualifiedName(job.Domain, $"quarantine_{i}"), RelationKind.Quarantine, Location: location))
            .ToList();
        var union = string.Join("\nUNION ALL BY NAME\n", relations.Select((r, i) =>
            $"SELECT {SqlText.Literal(RunTime(locations[i]))} AS _run, * FROM {SqlText.Identifier(r.Name.Domain)}.{SqlText.Identifier(r.Name.Name)}"));
        IReadOnlyList<ResultColumn> columns = [];
        var rows = new List<object?[]>();
        await foreach (var batch in engine.StreamAsync(new SessionGrant(relations) { Caller = QueryCaller.ForUser(user.UserId) }, $"SELECT * FROM (\n{union}\n) LIMIT {MaxRows}", MaxRows, cancellationToken))
        {
            columns = batch.Columns ?? columns;
            rows.AddRange(batch.Rows);
        }
        return new QueryResult(columns, rows);
    }

    /// <summary><c>…/_quarantine/snap-20261125113751123-ab12cd34/</c> → <c>2026-11-25 11:37:51</c> (the run's snapshot time, UTC).</summary>
    private static string RunTime(string location) =>
        SnapshotFolder.TryParseTime(location, out var at)
            ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : location.TrimEnd('/').Split('/')[^1];
}
