using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>What a relation named in a job's SELECT is to an incremental run.</summary>
public enum InputRole
{
    /// <summary>Not a relation the job can read (a column, an alias, an unknown name).</summary>
    Unknown,

    /// <summary>An ingested source: append-only, read incrementally.</summary>
    Stream,

    /// <summary>A product: a table that changes in place, read whole.</summary>
    Table,
}

/// <summary>
/// Decides from a job's parsed SELECT whether each run can read only new events (<see cref="IncrementalPlan"/>): a
/// row-wise query over one stream appends (or upserts with KEY); a top-level GROUP BY whose outputs are grouping columns
/// and plain <c>sum</c>/<c>count</c>/<c>min</c>/<c>max</c>/<c>any_value</c> merges group by group. Anything whose result
/// over old and new events is not such a combination of its result over each (DISTINCT, HAVING, window functions,
/// subqueries, <c>avg</c>, joins of two streams, SESSION windows, …) recomputes fully, and the plan says why; so does a
/// query the tree cannot classify.
/// </summary>
public static class IncrementalPlanner
{
    private static readonly Dictionary<string, MergeFunction> Mergeable = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = MergeFunction.Sum,
        ["fsum"] = MergeFunction.Sum,
        ["sumkahan"] = MergeFunction.Sum,
        ["kahan_sum"] = MergeFunction.Sum,
        ["count"] = MergeFunction.Sum,
        ["count_if"] = MergeFunction.Sum,
        ["countif"] = MergeFunction.Sum,
        ["min"] = MergeFunction.Min,
        ["max"] = MergeFunction.Max,
        ["any_value"] = MergeFunction.AnyValue,
        ["arbitrary"] = MergeFunction.AnyValue,
    };

    /// <param name="query">The job's SELECT as written (before streaming rewrites, without expectations), parsed.</param>
    /// <param name="keyColumns">The job's <c>KEY (…)</c> columns (empty: append).</param>
    /// <param name="roleOf">The role of a relation named <c>domain.name</c>.</param>
    public static IncrementalPlan Plan(QuerySyntax query, IReadOnlyList<string> keyColumns, Func<string, InputRole> roleOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(roleOf);
        if (query.Query is not { } root)
            return IncrementalPlan.Full(query.Error is { } error ? $"its SELECT does not parse ({error.Message})" : "it is not a SELECT");
        var inputs = Inputs(QueryRelations.Of(root), roleOf);
        if (inputs.Reason is not null)
            return IncrementalPlan.Full(inputs.Reason, inputs.Streams);
        var streams = inputs.Streams;
        if (FeatureReason(root) is { } reason)
            return IncrementalPlan.Full(reason, streams);
        var select = (SelectNode)root;
        if (select.From is null)
            return IncrementalPlan.Full("its SELECT has no FROM", streams);
        var hasAggregate = select.Columns.Any(c => AggregateFunctions.In(c).Any());
        if (!hasAggregate && select.GroupBy.Count == 0 && !select.GroupByAll)
            return new IncrementalPlan(keyColumns.Count > 0 ? SnapshotMode.Upsert : SnapshotMode.Append, streams, null, null);
        return MergePlan(select, keyColumns, streams);
    }

    private sealed record InputsFound(IReadOnlyList<string> Streams, string? Reason);

    /// <summary>The streams the query reads (not with JOIN LATEST), or why it cannot be read incrementally.</summary>
    private static InputsFound Inputs(IReadOnlyList<RelationRead> relations, Func<string, InputRole> roleOf)
    {
        var streams = new List<string>();
        var latest = new List<string>();
        var tables = new List<string>();
        foreach (var relation in relations)
        {
            var name = relation.Name.ToLowerInvariant();
            var role = roleOf(name);
            if (role == InputRole.Unknown)
                continue;
            if (relation.Kind == RelationReadKind.Latest)
                latest.Add(name);
            else if (role == InputRole.Stream)
                streams.Add(name);
            else
                tables.Add(name);
        }
        var distinct = streams.Distinct().ToList();
        if (streams.Count == 0)
            return new(distinct, tables.Count > 0 ? $"it reads only products ({string.Join(", ", tables.Distinct())}), which are tables, not streams" : "it reads no source");
        if (streams.Count > 1)
            return new(distinct, $"it joins {string.Join(" with ", streams)}; joining new events with old ones needs the whole input");
        if (tables.Count > 0)
            return new(distinct, $"it reads the product {tables[0]} as a table (use JOIN LATEST to enrich events with it)");
        if (latest.Contains(streams[0]))
            return new(distinct, $"it reads {streams[0]} both as its stream and with JOIN LATEST");
        return new(distinct, null);
    }

    private static string? FeatureReason(QueryNode root)
    {
        if (root.Ctes.Count > 0)
            return "it uses a WITH clause";
        if (root is SetOperationNode set)
            return $"it uses {set.Operation.Split('_')[0]}";
        if (root is not SelectNode select)
            return "it is not a SELECT";
        var nodes = root.DescendantsAndSelf().ToList();
        if (nodes.Skip(1).Any(n => n is QueryNode))
            return "it uses a subquery";
        if (nodes.OfType<TableFunctionRef>().Any(f => f.Call.Name == "session"))
            return "SESSION windows can merge across runs";
        if (nodes.OfType<WindowExpression>().Any())
            return "it uses a window function (OVER)";
        if (select.Distinct || nodes.OfType<FunctionExpression>().Any(f => f.Distinct))
            return "it uses DISTINCT";
        return select switch
        {
            { Having: not null } => "it uses HAVING",
            { Qualify: not null } => "it uses QUALIFY",
            { Limited: true } => "it uses LIMIT",
            { Sampled: true } => "it uses USING SAMPLE",
            _ => null,
        };
    }

    private static IncrementalPlan MergePlan(SelectNode select, IReadOnlyList<string> keyColumns, IReadOnlyList<string> streams)
    {
        var functions = new List<MergeFunction>();
        var groupNames = new List<string?>();
        var groupTexts = new List<string>();
        foreach (var column in select.Columns)
        {
            if (!AggregateFunctions.In(column).Any())
            {
                if (column is StarExpression)
                    return IncrementalPlan.Full("it selects * with GROUP BY", streams);
                functions.Add(MergeFunction.Group);
                groupNames.Add(column.Alias ?? (column as ColumnExpression)?.Column);
                groupTexts.Add(Normalized(column));
                continue;
            }
            if (MergeFunctionOf(column) is not { } function)
            {
                var text = SyntaxText.Of(column);
                return IncrementalPlan.Full(column is FunctionExpression { Name: "avg" or "mean" }
                    ? $"{text} is not incremental (avg() is not; output sum() and count() and divide when reading)"
                    : $"{text} is not a plain sum(), count(), min(), max() or any_value() of the input", streams);
            }
            functions.Add(function);
        }
        if (!select.GroupByAll)
        {
            var grouped = new HashSet<int>();
            foreach (var g in select.GroupBy)
            {
                var index = groupTexts.IndexOf(Normalized(g));
                if (index < 0 && g is ColumnExpression { Names.Count: 1 } name)
                    index = groupNames.FindIndex(n => string.Equals(n, name.Column, StringComparison.OrdinalIgnoreCase));
                if (index < 0 && g is ConstantExpression { Text: { } text } && int.TryParse(text, out var ordinal)
                    && ordinal >= 1 && ordinal <= functions.Count && functions[ordinal - 1] == MergeFunction.Group)
                {
                    index = functions.Take(ordinal - 1).Count(f => f == MergeFunction.Group);
                }
                if (index < 0)
                    return IncrementalPlan.Full($"it groups by {SyntaxText.Of(g, withAlias: false)}, which is not one of its output columns", streams);
                grouped.Add(index);
            }
            if (grouped.Count != groupTexts.Count)
                return IncrementalPlan.Full("some output columns are neither grouped nor aggregated", streams);
        }
        if (keyColumns.Count > 0)
        {
            var names = groupNames.OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (groupNames.Any(n => n is null) || !names.SetEquals(keyColumns))
                return IncrementalPlan.Full($"its KEY ({string.Join(", ", keyColumns)}) is not exactly its grouping columns", streams);
        }
        return new IncrementalPlan(SnapshotMode.Merge, streams, functions, null);
    }

    /// <summary><c>fn(…) [FILTER (…)]</c> with a mergeable <c>fn</c> and no aggregate inside; otherwise null.</summary>
    private static MergeFunction? MergeFunctionOf(SqlExpression column) =>
        column is FunctionExpression { IsOperator: false, Distinct: false, OrderBy.Count: 0 } call
        && Mergeable.TryGetValue(call.Name, out var function)
        && !call.Arguments.Concat(call.Filter is null ? [] : [call.Filter]).Any(a => AggregateFunctions.In(a).Any())
            ? function
            : null;

    private static string Normalized(SqlExpression expression) =>
        SyntaxText.Of(expression, withAlias: false).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
