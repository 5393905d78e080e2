using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Records a read of data through SQL: who, which of their readable relations the query reads (never rows or
/// values), and the query text cut to <see cref="MaxQueryChars"/> characters.
/// </summary>
public sealed class QueryAudit(AuditLog audit, ISqlParser parser)
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

    /// <summary>The grant's relations <paramref name="sql"/> reads (an earlier snapshot as its product), sorted.</summary>
    private List<string> RelationsRead(string sql, SessionGrant grant) =>
        GrantedRelations.ReadBy(parser, sql, grant).Select(r => (r.SnapshotOf ?? r.Name).ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
}
