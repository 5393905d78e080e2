namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>DuckDB's aggregate functions, and the aggregate calls of an expression.</summary>
public static class AggregateFunctions
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "sum", "count", "min", "max", "avg", "mean", "any_value", "arbitrary", "first", "last", "list", "array_agg",
        "string_agg", "group_concat", "listagg", "median", "mode", "quantile", "quantile_cont", "quantile_disc",
        "percentile_cont", "percentile_disc", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
        "approx_count_distinct", "approx_quantile", "arg_max", "arg_min", "argmax", "argmin", "max_by", "min_by",
        "bool_and", "bool_or", "count_if", "countif", "product", "histogram", "bit_and", "bit_or", "bit_xor", "entropy",
        "kurtosis", "skewness", "corr", "covar_pop", "covar_samp", "regr_slope", "fsum", "favg", "sumkahan", "kahan_sum",
        "geomean", "mad", "sem", "weighted_avg", "bitstring_agg",
    };

    public static bool IsAggregate(string function) => Names.Contains(function);

    /// <summary>The aggregate calls in <paramref name="node"/>, not counting those of subqueries inside it.</summary>
    public static IEnumerable<FunctionExpression> In(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is FunctionExpression call && !call.IsOperator && IsAggregate(call.Name))
            yield return call;
        foreach (var child in node.Children.Where(c => c is not QueryNode))
        {
            foreach (var inner in In(child))
                yield return inner;
        }
    }
}
