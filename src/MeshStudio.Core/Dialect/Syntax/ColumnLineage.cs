using MeshStudio.Core.Privacy;

namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// What each output column of a query is computed from: columns of the relations it reads, through aliases, CTEs,
/// subqueries, joins and window table functions; <c>*</c> is expanded against the columns a relation has
/// (<c>columnsOf</c>, e.g. the catalog). A column that cannot be resolved (an unknown relation's column with more than
/// one relation in scope) contributes nothing rather than a guess. A column read only through a masking function
/// (<see cref="MaskingFunctions"/>) is marked <see cref="SourceColumn.Masked"/>.
/// </summary>
public sealed class ColumnLineage
{
    private readonly Func<string, IReadOnlyList<string>?> _columnsOf;

    private ColumnLineage(Func<string, IReadOnlyList<string>?> columnsOf) => _columnsOf = columnsOf;

    /// <param name="columnsOf">The columns of a relation named <c>domain.name</c>, or null when unknown.</param>
    public static IReadOnlyList<OutputColumn> Of(QueryNode query, Func<string, IReadOnlyList<string>?> columnsOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(columnsOf);
        return new ColumnLineage(columnsOf).Outputs(query, new Dictionary<string, IReadOnlyList<OutputColumn>>(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>One FROM item in scope: its name or alias and its columns (null: unknown columns of <paramref name="Relation"/>).</summary>
    private sealed record Scope(string Key, string? FullName, IReadOnlyList<OutputColumn>? Columns, string? Relation);

    private List<OutputColumn> Outputs(QueryNode query, IReadOnlyDictionary<string, IReadOnlyList<OutputColumn>> outer)
    {
        var ctes = new Dictionary<string, IReadOnlyList<OutputColumn>>(outer, StringComparer.OrdinalIgnoreCase);
        foreach (var cte in query.Ctes)
            ctes[cte.Name] = Outputs(cte.Query, ctes);
        switch (query)
        {
            case SelectNode select:
                var scope = Bind(select.From, ctes);
                return select.Columns
                    .SelectMany(c => c is StarExpression star ? Expand(star, scope) : [new OutputColumn(NameOf(c), Sources(c, scope, ctes))])
                    .ToList();
            case SetOperationNode set:
                var left = Outputs(set.Left, ctes);
                var right = Outputs(set.Right, ctes);
                return left.Select((c, i) => i < right.Count ? c with { Sources = c.Sources.Union(right[i].Sources).ToList() } : c).ToList();
            default:
                return [];
        }
    }

    private static string? NameOf(SqlExpression expression) => expression.Alias ?? (expression as ColumnExpression)?.Column;

    private static IEnumerable<OutputColumn> Expand(StarExpression star, List<Scope> scope) =>
        scope.Where(s => star.Relation is null || Names(s, star.Relation))
            .SelectMany(s => s.Columns ?? [])
            .Where(c => star.Pattern is null && !star.Excluded.Contains(c.Name, StringComparer.OrdinalIgnoreCase));

    private static bool Names(Scope scope, string qualifier) =>
        scope.Key.Equals(qualifier, StringComparison.OrdinalIgnoreCase) || qualifier.Equals(scope.FullName, StringComparison.OrdinalIgnoreCase);

    private List<Scope> Bind(TableRef? table, IReadOnlyDictionary<string, IReadOnlyList<OutputColumn>> ctes)
    {
        switch (table)
        {
            case BaseTableRef { Schema: null } t when ctes.TryGetValue(t.Name, out var columns):
                return [new Scope(t.Alias ?? t.Name, t.Name, columns, null)];
            case BaseTableRef t:
                return [Relation(t.Alias ?? t.Name, t.FullName)];
            case JoinRef join:
                return [.. Bind(join.Left, ctes), .. Bind(join.Right, ctes)];
            case SubqueryRef sub:
                return [new Scope(sub.Alias ?? "", null, Outputs(sub.Query, ctes), null)];
            case TableFunctionRef { Call: { Arguments: [var source, ..] } call } f when QueryRelations.TakesRelation(call.Name):
                var inner = source switch
                {
                    ColumnExpression c when c.Names.Count == 1 && ctes.TryGetValue(c.Column, out var cte) => new Scope(c.Column, c.Column, cte, null),
                    ColumnExpression c => Relation(c.Column, string.Join('.', c.Names)),
                    SubqueryExpression s => new Scope("", null, Outputs(s.Query, ctes), null),
                    _ => new Scope("", null, [], null),
                };
                if (call.Name == "snapshot")
                    return [inner with { Key = f.Alias ?? inner.Key }];
                var time = call.Arguments.Count > 1 ? Sources(call.Arguments[1], [inner], ctes) : [];
                IReadOnlyList<OutputColumn>? withWindow = inner.Columns is null
                    ? null
                    : [.. inner.Columns, new OutputColumn("window_start", time), new OutputColumn("window_end", time)];
                return [inner with { Key = f.Alias ?? call.Name, Columns = withWindow }];
            default:
                return [];
        }
    }

    private Scope Relation(string key, string name)
    {
        var columns = _columnsOf(name)?.Select(c => new OutputColumn(c, [new SourceColumn(name, c)])).ToList();
        return new Scope(key, name, columns, name);
    }

    private List<SourceColumn> Sources(SyntaxNode node, List<Scope> scope, IReadOnlyDictionary<string, IReadOnlyList<OutputColumn>> ctes)
    {
        var sources = new List<SourceColumn>();
        Collect(node, scope, ctes, sources);
        return sources.Distinct().ToList();
    }

    private void Collect(SyntaxNode node, List<Scope> scope, IReadOnlyDictionary<string, IReadOnlyList<OutputColumn>> ctes, List<SourceColumn> sources)
    {
        switch (node)
        {
            case ColumnExpression column:
                sources.AddRange(Resolve(column, scope));
                return;
            case StarExpression star:
                sources.AddRange(Expand(star, scope).SelectMany(c => c.Sources));
                return;
            case QueryNode query:
                sources.AddRange(Outputs(query, ctes).SelectMany(c => c.Sources));
                return;
            case FunctionExpression function when MaskingFunctions.Masks(function.Name):
                var hidden = new List<SourceColumn>();
                foreach (var child in function.Children)
                    Collect(child, scope, ctes, hidden);
                sources.AddRange(hidden.Select(s => s with { Masked = true }));
                return;
            default:
                foreach (var child in node.Children)
                    Collect(child, scope, ctes, sources);
                return;
        }
    }

    private static IEnumerable<SourceColumn> Resolve(ColumnExpression column, List<Scope> scope)
    {
        var candidates = column.Qualifier is { } qualifier ? scope.Where(s => Names(s, qualifier)).ToList() : scope;
        foreach (var s in candidates)
        {
            if (s.Columns?.FirstOrDefault(c => column.Column.Equals(c.Name, StringComparison.OrdinalIgnoreCase)) is { } known)
                return known.Sources;
        }
        // A relation whose columns are unknown owns the column only when nothing else in scope could.
        return candidates is [{ Relation: { } relation, Columns: null }] ? [new SourceColumn(relation, column.Column)] : [];
    }
}
