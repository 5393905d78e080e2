using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// <c>[LEFT] JOIN LATEST rel [AS] alias ON cond</c>: each left row joins the latest row per key of <c>rel</c> (batch
/// semantics over all input). The key is the columns of <c>rel</c> that <c>cond</c> equates to a column; the latest
/// row per key is the one with the greatest event time (when <c>rel</c> has one), ties and relations without event
/// time resolved by the relation's read order (the last row read wins). <c>LATEST rel</c> becomes
/// <c>(SELECT … FROM rel QUALIFY row_number() OVER (PARTITION BY key ORDER BY … DESC) = 1) [AS] alias</c>.
/// The join and its condition are read from the syntax tree; used by <see cref="StreamingRewriter"/>.
/// </summary>
public static class LatestJoin
{
    /// <summary>The relations (<c>domain.name</c>, quoted parts unquoted) that <paramref name="sql"/> joins with <c>JOIN LATEST</c>.</summary>
    public static IReadOnlyList<string> Targets(ISqlParser parser, string sql)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(sql);
        if (!sql.Contains("latest", StringComparison.OrdinalIgnoreCase) || parser.Parse(sql).Query is not { } query)
            return [];
        return QueryRelations.Of(query).Where(r => r.Kind == RelationReadKind.Latest).Select(r => r.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Throws for <c>JOIN LATEST</c> with a subquery or without an ON condition.</summary>
    internal static void CheckShape(string sql, LatestJoinSite join)
    {
        if (join.IsSubquery)
            throw Error(sql, join.Relation.Start, "JOIN LATEST takes a relation such as crm.customers, not a subquery.");
        if (join.HasOn)
            return;
        var name = sql[join.Relation.Start..join.Relation.End];
        var shortName = join.Alias ?? name[(name.LastIndexOf('.') + 1)..].Trim('"');
        throw Error(sql, join.After, $"JOIN LATEST {name} needs an ON condition on its key, e.g. ON {shortName}.customer_id = o.customer_id.");
    }

    /// <summary>The replacement of <c>LATEST rel</c> in <paramref name="join"/>; an alias is added when the user wrote none.</summary>
    internal static string Replacement(string sql, JoinRef join, BaseTableRef table, LatestJoinSite site, Func<string, string?>? eventTimeOf)
    {
        var name = sql[site.Relation.Start..site.Relation.End];
        string[] names = table.Alias is null ? [table.Name] : [table.Alias, table.Name];
        var keys = Keys(join.Condition, names);
        if (keys.Count == 0)
        {
            throw Error(sql, site.After,
                $"JOIN LATEST needs an equality on the key of {name} in its ON condition, e.g. ON {table.Alias ?? table.Name}.customer_id = o.customer_id.");
        }
        var eventTime = eventTimeOf?.Invoke(table.FullName);
        var order = eventTime is { Length: > 0 } ? $"{Quote(eventTime)} DESC NULLS LAST, __mesh_seq DESC" : "__mesh_seq DESC";
        var body = $"(SELECT * EXCLUDE (__mesh_seq) FROM (SELECT *, row_number() OVER () AS __mesh_seq FROM {name}) " +
                   $"QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", keys)} ORDER BY {order}) = 1)";
        return table.Alias is null ? $"{body} AS {Quote(table.Name)}" : body;
    }

    /// <summary>The columns of the right relation (named <paramref name="names"/>) that the condition equates to a column.</summary>
    private static List<string> Keys(SqlExpression? condition, string[] names)
    {
        var keys = new List<string>();
        foreach (var (left, right) in condition is null ? [] : Equalities(condition))
        {
            var key = KeyOf(left, right, names) ?? KeyOf(right, left, names);
            if (key is not null && !keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                keys.Add(key);
        }
        return keys.Select(Quote).ToList();
    }

    /// <summary><c>column = column</c> anywhere in the condition, in written order, not inside subqueries.</summary>
    private static IEnumerable<(ColumnExpression Left, ColumnExpression Right)> Equalities(SyntaxNode node)
    {
        if (node is QueryNode)
            yield break;
        if (node is OperatorExpression { Kind: "COMPARE_EQUAL", Operands: [ColumnExpression left, ColumnExpression right] })
            yield return (left, right);
        foreach (var equality in node.Children.SelectMany(Equalities))
            yield return equality;
    }

    /// <summary>The column of <paramref name="candidate"/> when it is the right relation's, given the other side.</summary>
    private static string? KeyOf(ColumnExpression candidate, ColumnExpression other, string[] names)
    {
        static string? QualifierOf(ColumnExpression column) => column.Names.Count > 1 ? column.Names[^2] : null;
        bool IsRight(string? qualifier) => qualifier is not null && names.Contains(qualifier, StringComparer.OrdinalIgnoreCase);
        if (IsRight(QualifierOf(candidate)))
            return candidate.Column;
        // An unqualified column is the right relation's when the other side names another relation.
        return QualifierOf(candidate) is null && QualifierOf(other) is { } qualifier && !IsRight(qualifier) ? candidate.Column : null;
    }

    private static string Quote(string column) =>
        QualifiedName.IsValidIdentifier(column) ? column : SqlText.Identifier(column);

    private static SqlException Error(string sql, int offset, string message) => new(SqlError.At(message, sql, offset));
}
