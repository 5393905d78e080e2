using System.Globalization;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sandbox;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Writes a job run's result as Parquet into a new snapshot folder of a product, from a sandboxed session whose
/// only writable folders are that snapshot and the run's quarantine. The snapshot is complete on its own: an
/// append links the previous snapshot's files into it, an upsert or merge rewrites the combined rows (see
/// <see cref="SnapshotSql"/>). With key columns, the last row per key (in the SELECT's output order) is kept.
/// </summary>
public sealed class DuckDbProductWriter : IProductWriter
{
    /// <summary>An append whose previous snapshot has this many files rewrites them into one instead of adding one more.</summary>
    public const int MaxAppendFiles = 32;

    /// <summary>The folder inside a snapshot holding its Hive partitions (<c>data/col=value/part-….parquet</c>).</summary>
    public const string PartitionFolder = "data";

    private readonly LakeLayout _layout;
    private readonly QueryLimits _limits;
    private readonly TimeProvider _time;

    public DuckDbProductWriter(LakeOptions options)
        : this(options, TimeProvider.System)
    {
    }

    public DuckDbProductWriter(LakeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _layout = new LakeLayout(options);
        _limits = options.Limits;
        _time = time;
    }

    public Task<SnapshotResult> WriteSnapshotAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Grant);
        ArgumentNullException.ThrowIfNull(request.SelectSql);
        DeniedRelationScanner.ThrowIfDenied(request.SelectSql, request.Grant.Denied);
        var unknown = request.Expectations.FirstOrDefault(e => request.Grant.Relations.All(r => r.Name != e.Relation));
        if (unknown is not null)
            throw new ArgumentException($"Expectation {unknown.Name} checks {unknown.Relation}, which the grant does not include.", nameof(request));
        if (request.Plan.Mode != SnapshotMode.Replace && request.Plan.PreviousLocation is null)
            throw new ArgumentException($"A {request.Plan.Mode} run needs the previous snapshot.", nameof(request));
        var location = LakeLayout.NewSnapshotLocation(request.Product, _time.GetUtcNow().UtcDateTime);
        var grant = WithPrevious(WithDropFilters(request.Grant, request.Expectations), request.Product, request.Plan.PreviousLocation);
        return Task.Run(() => Write(request with { Grant = grant }, location, cancellationToken), cancellationToken);
    }

    /// <summary>A relation checked by DROP expectations shows the job only the rows no DROP predicate is false for.</summary>
    private static SessionGrant WithDropFilters(SessionGrant grant, IReadOnlyList<ExpectationCheck> expectations)
    {
        var drops = expectations.Where(e => e.Action == ExpectationAction.Drop).ToLookup(e => e.Relation);
        if (drops.Count == 0)
            return grant;
        return grant with
        {
            Relations = grant.Relations
                .Select(r => drops[r.Name].Any()
                    ? r with { Filter = string.Join(" AND ", drops[r.Name].Select(e => $"(({e.Predicate})\n) IS NOT FALSE")) }
                    : r)
                .ToList(),
        };
    }

    /// <summary>The product itself is readable at the snapshot the run builds on.</summary>
    private static SessionGrant WithPrevious(SessionGrant grant, QualifiedName product, string? previousLocation)
    {
        if (previousLocation is null)
            return grant;
        var existing = grant.Relations.FirstOrDefault(r => r.Name == product);
        var previous = existing is null
            ? new ReadableRelation(product, RelationKind.Product, null, previousLocation)
            : existing with { Location = previousLocation };
        return grant with { Relations = [.. grant.Relations.Where(r => r.Name != product), previous] };
    }

    private async Task<SnapshotResult> Write(SnapshotRequest request, string location, CancellationToken cancellationToken)
    {
        var folder = _layout.ResolveLocation(location);
        var quarantineLocation = LakeLayout.QuarantineLocationOf(location);
        var quarantineFolder = _layout.ResolveLocation(quarantineLocation);
        Directory.CreateDirectory(folder);
        try
        {
            using var session = SandboxSession.Open(_layout, _limits, request.Grant, [folder, quarantineFolder]);
            var (outcomes, quarantined) = new ExpectationChecks(session, request.Grant, _limits, cancellationToken)
                .Apply(request.Expectations, quarantineFolder);
            var inputs = request.Probes.Select(p => Probe(session, request.Grant, p)).ToList();
            var select = StatementBody(request.SelectSql);
            if (select.TrimStart().StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase))
                throw new SqlException(new SqlError("A product is written from a SELECT, not from EXPLAIN.", 1, 1));
            ReadOnlyStatementGuard.Ensure(session.Connection, request.SelectSql);
            var (query, fileName) = BuildQuery(session, request, select, folder, cancellationToken);
            var types = Describe(session, request, query, cancellationToken);
            var partitions = request.PartitionBy;
            // Partitions go below a subfolder: the sandbox allows paths inside the snapshot folder, not the folder itself.
            var target = partitions.Count == 0 ? new CopyTarget(Path.Combine(folder, fileName), []) : new CopyTarget(Path.Combine(folder, PartitionFolder), partitions);
            RunUserSql(session, request, SnapshotSql.Copy(query, types, target), c => c.ExecuteNonQuery(), cancellationToken);
            if (!Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any())
            {
                // A partitioned write of no rows writes no file: keep the schema in an empty one.
                var empty = SnapshotSql.Replace($"SELECT * FROM (\n{select}\n) LIMIT 0", []);
                var emptyTypes = Describe(session, request, empty, cancellationToken);
                RunUserSql(session, request, SnapshotSql.Copy(empty, emptyTypes, new CopyTarget(Path.Combine(folder, LakeLayout.SnapshotFileName), [])),
                    c => c.ExecuteNonQuery(), cancellationToken);
            }
            var (rows, columns) = Inspect(session, folder);
            return await Task.FromResult(new SnapshotResult(location, rows, columns)
            {
                Expectations = outcomes,
                QuarantineLocation = quarantined ? quarantineLocation : null,
                Inputs = inputs,
            }).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(folder);
            TryDelete(quarantineFolder);
            throw;
        }
    }

    /// <summary>The query producing the snapshot's rows and the name of the file it is written to (without partitions).</summary>
    private (CopyStatement Query, string FileName) BuildQuery(
        SandboxSession session, SnapshotRequest request, string select, string folder, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        switch (plan.Mode)
        {
            case SnapshotMode.Replace:
                return (SnapshotSql.Replace(select, request.KeyColumns), LakeLayout.SnapshotFileName);
            case SnapshotMode.Upsert:
                return (SnapshotSql.Upsert(select, request.KeyColumns, request.Product), LakeLayout.SnapshotFileName);
            case SnapshotMode.Merge:
                var columns = Describe(session, request, new CopyStatement(select, 0), cancellationToken);
                return (SnapshotSql.Merge(select, columns, plan.MergeColumns ?? [], request.Product), LakeLayout.SnapshotFileName);
            case SnapshotMode.Append:
                var previous = _layout.ResolveLocation(plan.PreviousLocation!);
                var files = Directory.Exists(previous) ? Directory.GetFiles(previous, "*.parquet", SearchOption.AllDirectories) : [];
                if (request.PartitionBy.Count > 0) // an empty placeholder at the root holds no rows and would hide the partition values
                    files = files.Where(f => Path.GetDirectoryName(f) != previous).ToArray();
                if (files.Length >= MaxAppendFiles)
                    return (SnapshotSql.AppendCompacting(select, request.Product), LakeLayout.SnapshotFileName);
                foreach (var file in files)
                    HardLink.CreateOrCopy(file, Path.Combine(folder, Path.GetRelativePath(previous, file)));
                return (SnapshotSql.Replace(select, []), $"part-{Guid.NewGuid():N}.parquet");
            default:
                throw new ArgumentOutOfRangeException(nameof(request), plan.Mode, "Unknown snapshot mode.");
        }
    }

    /// <summary>The output columns and types of <paramref name="query"/> (binds it, reads no rows).</summary>
    private List<ColumnSchema> Describe(SandboxSession session, SnapshotRequest request, CopyStatement query, CancellationToken cancellationToken) =>
        RunUserSql(session, request, SnapshotSql.Describe(query), c =>
        {
            using var reader = c.ExecuteReader();
            var list = new List<ColumnSchema>();
            while (reader.Read())
                list.Add(new ColumnSchema(reader.GetString(0), reader.GetString(1)));
            return list;
        }, cancellationToken);

    private T RunUserSql<T>(SandboxSession session, SnapshotRequest request, CopyStatement copy, Func<DuckDB.NET.Data.DuckDBCommand, T> run, CancellationToken cancellationToken)
    {
        using var command = session.CreateCommand(copy.Sql);
        using var watchdog = new CommandWatchdog(command, _limits.Timeout, cancellationToken);
        try
        {
            return run(command);
        }
        catch (Exception ex) when (ex is not SqlException)
        {
            throw SqlFailures.Map(ex, watchdog, _limits, _layout.RootPath, copy.Sql, request.SelectSql, copy.UserOffset, request.Grant.Denied, cancellationToken);
        }
    }

    /// <summary>How many rows of an input the run read, and its newest event time.</summary>
    private static InputStats Probe(SandboxSession session, SessionGrant grant, InputProbe probe)
    {
        var relation = ExpectationChecks.UnfilteredRelation(grant, probe.Relation);
        var max = probe.EventTimeColumn is null ? "NULL" : $"try_cast(max({SqlText.Identifier(probe.EventTimeColumn)}) AS TIMESTAMP)";
        using var command = session.CreateCommand($"SELECT count(*), {max} FROM {relation}");
        using var reader = command.ExecuteReader();
        reader.Read();
        var rows = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        DateTime? maxTime = reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        return new InputStats(probe.Relation, rows, maxTime);
    }

    /// <summary>Row count (from Parquet metadata) and columns of everything written into the snapshot folder.</summary>
    private static (long Rows, IReadOnlyList<ColumnSchema> Columns) Inspect(SandboxSession session, string folder)
    {
        var files = SqlText.PathLiteral(Path.Combine(folder, "**", "*.parquet"));
        using var count = session.CreateCommand($"SELECT count(*) FROM read_parquet({files}, union_by_name = true)");
        var rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var describe = session.CreateCommand($"DESCRIBE SELECT * FROM read_parquet({files}, union_by_name = true)");
        using var reader = describe.ExecuteReader();
        var columns = new List<ColumnSchema>();
        while (reader.Read())
            columns.Add(new ColumnSchema(reader.GetString(0), reader.GetString(1)));
        return (rows, columns);
    }

    /// <summary>The statement without a trailing <c>;</c> (which cannot appear inside the COPY).</summary>
    private static string StatementBody(string sql)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var semicolon = tokens.FirstOrDefault(t => t.IsSymbol(';'));
        return semicolon is null ? sql : sql[..semicolon.Offset];
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
