using System.Globalization;

namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// An expression written back as compact SQL, for messages and for comparing expressions regardless of spacing and
/// case (<c>upper( Country )</c> and <c>UPPER(country)</c> print alike).
/// </summary>
public static class SyntaxText
{
    public static string Of(SqlExpression expression, bool withAlias = true)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = Body(expression);
        return withAlias && expression.Alias is { } alias ? $"{text} AS {alias}" : text;
    }

    private static string Body(SyntaxNode node) => node switch
    {
        ColumnExpression c => string.Join('.', c.Names),
        StarExpression s => (s.Relation is null ? "*" : $"{s.Relation}.*") + (s.Excluded.Count > 0 ? $" EXCLUDE ({string.Join(", ", s.Excluded)})" : ""),
        ConstantExpression { Text: null } => "NULL",
        ConstantExpression { Type: "VARCHAR" } k => $"'{k.Text!.Replace("'", "''", StringComparison.Ordinal)}'",
        ConstantExpression k => k.Text!,
        CastExpression c => $"CAST({Body(c.Operand)} AS {c.Type})",
        FunctionExpression { IsOperator: true, Arguments: [var left, var right] } f => $"{Body(left)} {f.Name} {Body(right)}",
        FunctionExpression { IsOperator: true, Arguments: [var operand] } f => $"{f.Name}{Body(operand)}",
        FunctionExpression f => Call(f),
        WindowExpression w => $"{w.Name}({Join(w.Arguments)}) OVER (…)",
        SubqueryExpression => "(SELECT …)",
        OperatorExpression o => $"{o.Kind.ToLower(CultureInfo.InvariantCulture)}({Join(o.Operands)})",
        _ => "…",
    };

    private static string Call(FunctionExpression f)
    {
        var arguments = f.Name == "count" && f.Arguments.Count == 0 ? "*" : Join(f.Arguments);
        var call = $"{f.Name}({(f.Distinct ? "DISTINCT " : "")}{arguments})";
        return f.Filter is null ? call : $"{call} FILTER (WHERE {Body(f.Filter)})";
    }

    private static string Join(IEnumerable<SyntaxNode> nodes) => string.Join(", ", nodes.Select(Body));
}
