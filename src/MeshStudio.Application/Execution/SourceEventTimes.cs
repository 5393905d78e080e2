using MeshStudio.Application.Sources;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Execution;

/// <summary>
/// The declared <c>event_time</c> of the sources a query joins with <c>JOIN LATEST</c> (read from its syntax tree), for
/// <see cref="StreamingRewriter"/>.
/// </summary>
public static class SourceEventTimes
{
    public static async Task<Func<string, string?>> LookupAsync(SourceService sources, ISqlParser parser, string sql, CancellationToken cancellationToken)
    {
        var eventTimes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in LatestJoin.Targets(parser, sql))
        {
            if (QualifiedName.TryParse(target.ToLowerInvariant(), out var name))
                eventTimes[target] = (await sources.FindAsync(name, cancellationToken))?.EventTimeColumn;
        }
        return target => eventTimes.GetValueOrDefault(target);
    }
}
