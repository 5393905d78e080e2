using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Records a read of data through SQL: who, which of their readable relations the query names (never rows or
/// values), and the query text cut to <see cref="MaxQueryChars"/> characters.
/// </summary>
public sealed class QueryAudit(AuditLog audit)
{
    public const string Action = "sql.query";
    public const int MaxQueryChars = 500;

    public Task WriteAsync(UserContext user, SessionGrant grant, string executedSql, string userSql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(userSql);
        var details = userSql.Length <= MaxQueryChars ? userSql : userSql[..MaxQueryChars] + "…";
        return audit.WriteAsync(user.UserName, Action, string.Join(", ", RelationsRead(executedSql, grant)), details, cancellationToken);
    }

    /// <summary>The grant's relations named as <c>domain.name</c> in <paramref name="sql"/> (outside literals and comments), sorted.</summary>
    public static IReadOnlyList<string> RelationsRead(string sql, SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(grant);
        var tokens = SqlTokenizer.Tokenize(sql);
        var read = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsIdentifier || !tokens[i + 1].IsSymbol('.') || !tokens[i + 2].IsIdentifier)
                continue;
            var relation = grant.Relations.FirstOrDefault(r =>
                string.Equals(r.Name.Domain, tokens[i].Value, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(r.Name.Name, tokens[i + 2].Value, StringComparison.OrdinalIgnoreCase));
            if (relation is not null)
                read.Add((relation.SnapshotOf ?? relation.Name).ToString());
        }
        return [.. read];
    }
}
