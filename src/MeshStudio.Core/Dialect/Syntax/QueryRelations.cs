namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// The relations a query reads, in written order: FROM items and joins at any depth (subqueries, CTE bodies,
/// expressions), the sources of window table functions and <c>SNAPSHOT(…)</c> calls. Names of CTEs in scope are not
/// relations. Names inside strings and comments are never relations: they are not in the tree.
/// </summary>
public static class QueryRelations
{
    public static IReadOnlyList<RelationRead> Of(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<RelationRead>();
        Walk(query, new HashSet<string>(StringComparer.OrdinalIgnoreCase), found);
        return found;
    }

    /// <summary>The table functions of the dialect whose first argument is a relation.</summary>
    public static bool TakesRelation(string function) => function is "tumble" or "hop" or "session" or "snapshot";

    private static void Walk(SyntaxNode node, HashSet<string> ctes, List<RelationRead> found)
    {
        switch (node)
        {
            case QueryNode { Ctes.Count: > 0 } query:
                var inner = new HashSet<string>(ctes, StringComparer.OrdinalIgnoreCase);
                inner.UnionWith(query.Ctes.Select(c => c.Name));
                foreach (var child in query.Children)
                    Walk(child, inner, found);
                return;
            case BaseTableRef table:
                if (table.Schema is not null || !ctes.Contains(table.Name))
                    found.Add(new RelationRead(table.FullName, table.Alias, table.Offset, table.Latest ? RelationReadKind.Latest : RelationReadKind.Table));
                return;
            case TableFunctionRef { Call: { Arguments: [ColumnExpression source, ..] } call } function when TakesRelation(call.Name):
                var name = string.Join('.', source.Names);
                if (source.Names.Count > 1 || !ctes.Contains(name))
                    found.Add(new RelationRead(name, function.Alias, source.Offset, call.Name == "snapshot" ? RelationReadKind.Snapshot : RelationReadKind.WindowSource));
                foreach (var argument in call.Arguments.Skip(1))
                    Walk(argument, ctes, found);
                return;
            default:
                foreach (var child in node.Children)
                    Walk(child, ctes, found);
                return;
        }
    }
}
