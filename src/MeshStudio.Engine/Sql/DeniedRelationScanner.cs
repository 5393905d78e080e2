using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;

namespace MeshStudio.Engine.Sql;

/// <summary>Finds references to relations the caller may not read, before any SQL runs.</summary>
public static class DeniedRelationScanner
{
    /// <summary>Throws <see cref="SqlException"/> at the first <c>domain.name</c> reference to a denied relation.</summary>
    public static void ThrowIfDenied(string sql, IReadOnlyList<DeniedRelation>? denied)
    {
        if (denied is not { Count: > 0 })
            return;
        var hit = Find(sql, denied);
        if (hit is not null)
        {
            var (relation, offset) = hit.Value;
            throw new SqlException(SqlError.At(Message(relation), sql, offset));
        }
    }

    /// <summary>The first denied relation referenced as <c>domain.name</c> outside literals and comments.</summary>
    public static (DeniedRelation Relation, int Offset)? Find(string sql, IReadOnlyList<DeniedRelation> denied)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsIdentifier || !tokens[i + 1].IsSymbol('.') || !tokens[i + 2].IsIdentifier)
                continue;
            var match = denied.FirstOrDefault(d =>
                string.Equals(d.Name.Domain, tokens[i].Value, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(d.Name.Name, tokens[i + 2].Value, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                return (match, tokens[i].Offset);
        }
        return null;
    }

    public static string Message(DeniedRelation relation) =>
        $"Permission denied: you may not read {relation.Name}. {relation.Reason}".TrimEnd();
}
