using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Execution.Incremental;
using MeshStudio.Application.Sources;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine;
using MeshStudio.Engine.Ingestion;

namespace MeshStudio.Application.Execution;

/// <summary>What a job run reads: the owner's grant, the sources' event times and watermarks, and each stream's tail.</summary>
public sealed class JobInputs(SourceService sources, EntitlementService entitlements, LakeLayout lake, ISqlParser parser)
{
    private readonly SourcePositions _positions = new(lake);

    /// <summary>The relations the job's owner may read.</summary>
    internal Task<SessionGrant> GrantForAsync(Job job, CancellationToken cancellationToken) =>
        entitlements.GrantForJobAsync(job, cancellationToken);

    /// <summary>The job's SELECT with its streaming extensions (<c>JOIN LATEST</c>) rewritten to DuckDB SQL.</summary>
    public async Task<StreamingRewrite> RewriteAsync(string query, CancellationToken cancellationToken) =>
        StreamingRewriter.Rewrite(parser, query, await SourceEventTimes.LookupAsync(sources, parser, query, cancellationToken));

    /// <summary>Whether <paramref name="name"/> is read as a stream (a source) or a table (a product) under <paramref name="grant"/>.</summary>
    public static InputRole RoleOf(SessionGrant grant, string name) =>
        grant.Relations.FirstOrDefault(r => string.Equals(r.Name.ToString(), name, StringComparison.OrdinalIgnoreCase))?.Kind switch
        {
            RelationKind.IngestedSource => InputRole.Stream,
            RelationKind.Product => InputRole.Table,
            _ => InputRole.Unknown,
        };

    /// <summary>Each stream of the plan with its current tail, event time column and watermark.</summary>
    public async Task<IReadOnlyList<StreamInput>> StreamsAsync(IncrementalPlan plan, CancellationToken cancellationToken)
    {
        var inputs = new List<StreamInput>();
        foreach (var name in plan.Streams)
        {
            if (!QualifiedName.TryParse(name, out var source))
                continue;
            var entity = await sources.FindAsync(source, cancellationToken);
            inputs.Add(new StreamInput(source, _positions.Tail(source), entity?.EventTimeColumn, WatermarkOf(entity?.Definition)));
        }
        return inputs;
    }

    /// <summary>The <c>watermark</c> option of a CREATE SOURCE, if any.</summary>
    private static TimeSpan? WatermarkOf(string? definition)
    {
        if (string.IsNullOrWhiteSpace(definition))
            return null;
        try
        {
            return MeshSqlParser.Parse(definition) is CreateSourceStatement { Options: var options } && options.TryGetValue("watermark", out var text)
                ? IntervalParser.Parse(text)
                : null;
        }
        catch (SqlException)
        {
            return null;
        }
    }
}
