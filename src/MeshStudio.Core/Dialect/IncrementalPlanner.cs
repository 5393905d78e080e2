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
/// Decides from a job's SELECT whether each run can read only new events (<see cref="IncrementalPlan"/>): a row-wise
/// query over one stream appends (or upserts with KEY); a top-level GROUP BY whose outputs are grouping columns and
/// plain <c>sum</c>/<c>count</c>/<c>min</c>/<c>max</c>/<c>any_value</c> merges group by group. Anything whose result
/// over old and new events is not such a combination of its result over each (DISTINCT, HAVING, window functions,
/// subqueries, <c>avg</c>, joins of two streams, SESSION windows, …) recomputes fully, and the plan says why.
/// </summary>
public static class IncrementalPlanner
{
    private static readonly HashSet<string> Aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "sum", "count", "min", "max", "avg", "mean", "any_value", "arbitrary", "first", "last", "list", "array_agg",
        "string_agg", "group_concat", "listagg", "median", "mode", "quantile", "quantile_cont", "quantile_disc",
        "percentile_cont", "percentile_disc", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
        "approx_count_distinct", "approx_quantile", "arg_max", "arg_min", "argmax", "argmin", "max_by", "min_by",
        "bool_and", "bool_or", "count_if", "countif", "product", "histogram", "bit_and", "bit_or", "bit_xor", "entropy",
        "kurtosis", "skewness", "corr", "covar_pop", "covar_samp", "regr_slope", "fsum", "favg", "sumkahan", "kahan_sum",
        "geomean", "mad", "sem", "weighted_avg", "bitstring_agg",
    };

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

    private static readonly string[] Refused = ["HAVING", "QUALIFY", "LIMIT", "OFFSET", "USING SAMPLE", "TABLESAMPLE"];
    private static readonly string[] ClauseEnds = ["HAVING", "QUALIFY", "WINDOW", "ORDER", "LIMIT", "OFFSET"];

    /// <param name="query">The job's SELECT as written (before streaming rewrites, without expectations).</param>
    /// <param name="keyColumns">The job's <c>KEY (…)</c> columns (empty: append).</param>
    /// <param name="roleOf">The role of a relation named <c>domain.name</c>.</param>
    public static IncrementalPlan Plan(string query, IReadOnlyList<string> keyColumns, Func<string, InputRole> roleOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(roleOf);
        var tokens = SqlTokenizer.Tokenize(query).Where(t => !t.IsSymbol(';')).ToList();
        var inputs = Inputs(tokens, roleOf);
        if (inputs.Reason is not null)
            return IncrementalPlan.Full(inputs.Reason, inputs.Streams);
        var streams = inputs.Streams;
        if (FeatureReason(tokens) is { } reason)
            return IncrementalPlan.Full(reason, streams);

        var depths = Depths(tokens);
        var from = IndexAtDepth0(tokens, depths, 1, t => t.Is("FROM"));
        if (from < 0)
            return IncrementalPlan.Full("its SELECT has no FROM", streams);
        var items = SplitAtCommas(tokens, depths, 1, from);
        var group = GroupByClause(tokens, depths, from);
        var hasAggregate = items.Any(item => item.Any(IsAggregateCall(tokens)));
        if (!hasAggregate && group is null)
            return new IncrementalPlan(keyColumns.Count > 0 ? SnapshotMode.Upsert : SnapshotMode.Append, streams, null, null);
        return MergePlan(tokens, items, group, keyColumns, streams);
    }

    private sealed record InputsFound(IReadOnlyList<string> Streams, string? Reason);

    /// <summary>The streams the query reads (not with JOIN LATEST), or why it cannot be read incrementally.</summary>
    private static InputsFound Inputs(List<SqlToken> tokens, Func<string, InputRole> roleOf)
    {
        var streams = new List<string>();
        var latest = new List<string>();
        var tables = new List<string>();
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsIdentifier || !tokens[i + 1].IsSymbol('.') || !tokens[i + 2].IsIdentifier || (i > 0 && tokens[i - 1].IsSymbol('.')))
                continue;
            var name = $"{tokens[i].Value}.{tokens[i + 2].Value}".ToLowerInvariant();
            var role = roleOf(name);
            if (role == InputRole.Unknown)
                continue;
            if (i > 0 && LatestJoin.IsAt(tokens, i - 1))
                latest.Add(name);
            else if (role == InputRole.Stream)
                streams.Add(name);
            else
                tables.Add(name);
            i += 2;
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

    private static string? FeatureReason(List<SqlToken> tokens)
    {
        if (tokens.Count == 0 || !tokens[0].Is("SELECT"))
            return tokens.Count > 0 && tokens[0].Is("WITH") ? "it uses a WITH clause" : "it does not start with SELECT";
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (i > 0 && t.Is("SELECT"))
                return "it uses a subquery";
            if (t.Is("UNION") || t.Is("EXCEPT") || t.Is("INTERSECT"))
                return $"it uses {t.Text.ToUpperInvariant()}";
            if (t.Is("SESSION") && i + 1 < tokens.Count && tokens[i + 1].IsSymbol('('))
                return "SESSION windows can merge across runs";
            if (t.Is("OVER"))
                return "it uses a window function (OVER)";
            if (t.Is("DISTINCT"))
                return "it uses DISTINCT";
            var word = Refused.FirstOrDefault(r => t.Is(r.Split(' ')[0]) && (r.IndexOf(' ', StringComparison.Ordinal) < 0 || (i + 1 < tokens.Count && tokens[i + 1].Is(r.Split(' ')[1]))));
            if (word is not null)
                return $"it uses {word}";
        }
        return null;
    }

    private static IncrementalPlan MergePlan(
        List<SqlToken> tokens, List<List<int>> items, List<List<int>>? group, IReadOnlyList<string> keyColumns, IReadOnlyList<string> streams)
    {
        var functions = new List<MergeFunction>();
        var groupNames = new List<string?>();
        var groupTexts = new List<string>();
        foreach (var item in items)
        {
            var text = Text(tokens, item);
            if (!item.Any(IsAggregateCall(tokens)))
            {
                if (tokens[item[^1]].IsSymbol('*'))
                    return IncrementalPlan.Full("it selects * with GROUP BY", streams);
                functions.Add(MergeFunction.Group);
                groupNames.Add(OutputName(tokens, item));
                groupTexts.Add(Normalized(Text(tokens, WithoutAlias(tokens, item))));
                continue;
            }
            var function = MergeFunctionOf(tokens, item);
            if (function is null)
            {
                var avg = item.Any(i => tokens[i].Is("avg") || tokens[i].Is("mean"));
                return IncrementalPlan.Full(avg
                    ? $"{text} is not incremental (avg() is not; output sum() and count() and divide when reading)"
                    : $"{text} is not a plain sum(), count(), min(), max() or any_value() of the input", streams);
            }
            functions.Add(function.Value);
        }
        if (group is not null && !(group.Count == 1 && group[0].Count == 1 && tokens[group[0][0]].Is("ALL")))
        {
            var grouped = new HashSet<int>();
            foreach (var g in group)
            {
                var text = Normalized(Text(tokens, g));
                var index = groupTexts.IndexOf(text);
                if (index < 0)
                    index = groupNames.FindIndex(n => n is not null && string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                if (index < 0 && int.TryParse(text, out var ordinal) && ordinal >= 1 && ordinal <= items.Count && functions[ordinal - 1] == MergeFunction.Group)
                    index = functions.Take(ordinal - 1).Count(f => f == MergeFunction.Group);
                if (index < 0)
                    return IncrementalPlan.Full($"it groups by {Text(tokens, g)}, which is not one of its output columns", streams);
                grouped.Add(index);
            }
            if (grouped.Count != groupTexts.Count)
                return IncrementalPlan.Full("some output columns are neither grouped nor aggregated", streams);
        }
        if (keyColumns.Count > 0)
        {
            var names = groupNames.Where(n => n is not null).Select(n => n!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (groupNames.Any(n => n is null) || !names.SetEquals(keyColumns))
                return IncrementalPlan.Full($"its KEY ({string.Join(", ", keyColumns)}) is not exactly its grouping columns", streams);
        }
        return new IncrementalPlan(SnapshotMode.Merge, streams, functions, null);
    }

    /// <summary><c>fn(…) [FILTER (…)] [[AS] alias]</c> with a mergeable <c>fn</c> and no aggregate inside; otherwise null.</summary>
    private static MergeFunction? MergeFunctionOf(List<SqlToken> tokens, List<int> item)
    {
        var body = WithoutAlias(tokens, item);
        if (body.Count < 3 || !Mergeable.TryGetValue(tokens[body[0]].Text, out var function) || !tokens[body[1]].IsSymbol('('))
            return null;
        var close = Matching(tokens, body, 1);
        if (close < 0 || body.Skip(1).Take(close - 1).Any(IsAggregateCall(tokens)))
            return null;
        if (close == body.Count - 1)
            return function;
        return tokens[body[close + 1]].Is("FILTER") && close + 2 < body.Count && tokens[body[close + 2]].IsSymbol('(')
               && Matching(tokens, body, close + 2) == body.Count - 1
            ? function
            : null;
    }

    /// <summary>The item without a trailing <c>AS alias</c> or bare alias.</summary>
    private static List<int> WithoutAlias(List<SqlToken> tokens, List<int> item)
    {
        if (item.Count >= 3 && tokens[item[^2]].Is("AS") && tokens[item[^1]].IsIdentifier)
            return item[..^2];
        if (item.Count >= 2 && tokens[item[^1]].IsIdentifier && (tokens[item[^2]].IsSymbol(')') || tokens[item[^2]].IsIdentifier))
            return item[..^1];
        return item;
    }

    /// <summary>The output column name when it is evident: an alias or a (qualified) column name.</summary>
    private static string? OutputName(List<SqlToken> tokens, List<int> item)
    {
        var body = WithoutAlias(tokens, item);
        if (body.Count < item.Count)
            return tokens[item[^1]].Value;
        if (item.Count == 1 && tokens[item[0]].IsIdentifier)
            return tokens[item[0]].Value;
        if (item.Count == 3 && tokens[item[1]].IsSymbol('.') && tokens[item[2]].IsIdentifier)
            return tokens[item[2]].Value;
        return null;
    }

    private static Func<int, bool> IsAggregateCall(List<SqlToken> tokens) => i =>
        TokenGroups.IsCall(tokens, i, t => t.Kind == SqlTokenKind.Word && Aggregates.Contains(t.Text));

    private static List<List<int>>? GroupByClause(List<SqlToken> tokens, int[] depths, int from)
    {
        var group = IndexAtDepth0(tokens, depths, from, t => t.Is("GROUP"));
        if (group < 0 || group + 1 >= tokens.Count || !tokens[group + 1].Is("BY"))
            return null;
        var end = IndexAtDepth0(tokens, depths, group + 2, t => ClauseEnds.Any(t.Is));
        return SplitAtCommas(tokens, depths, group + 2, end < 0 ? tokens.Count : end);
    }

    private static int[] Depths(List<SqlToken> tokens)
    {
        var depths = new int[tokens.Count];
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol(')'))
                depth--;
            depths[i] = depth;
            if (tokens[i].IsSymbol('('))
                depth++;
        }
        return depths;
    }

    private static int IndexAtDepth0(List<SqlToken> tokens, int[] depths, int start, Func<SqlToken, bool> match)
    {
        for (var i = start; i < tokens.Count; i++)
        {
            if (depths[i] == 0 && match(tokens[i]))
                return i;
        }
        return -1;
    }

    private static List<List<int>> SplitAtCommas(List<SqlToken> tokens, int[] depths, int start, int end)
    {
        var items = new List<List<int>> { new() };
        for (var i = start; i < end; i++)
        {
            if (depths[i] == 0 && tokens[i].IsSymbol(','))
                items.Add([]);
            else
                items[^1].Add(i);
        }
        return items.Where(i => i.Count > 0).ToList();
    }

    /// <summary>The position in <paramref name="item"/> of the parenthesis closing the one at <paramref name="open"/>.</summary>
    private static int Matching(List<SqlToken> tokens, List<int> item, int open)
    {
        var depth = 0;
        for (var i = open; i < item.Count; i++)
        {
            if (tokens[item[i]].IsSymbol('('))
                depth++;
            else if (tokens[item[i]].IsSymbol(')') && --depth == 0)
                return i;
        }
        return -1;
    }

    private static string Text(List<SqlToken> tokens, List<int> item) => string.Join(" ", item.Select(i => tokens[i].Text));

    private static string Normalized(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
