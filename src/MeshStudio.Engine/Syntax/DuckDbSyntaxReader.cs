using System.Text;
using System.Text.Json;
using MeshStudio.Core.Dialect.Syntax;

namespace MeshStudio.Engine.Syntax;

/// <summary>
/// Reads the JSON of DuckDB's <c>json_serialize_sql</c> into the typed tree of Core. DuckDB's positions are UTF-8
/// byte offsets; the tree's are character offsets. Nodes the tree does not model keep what is inside them
/// (<see cref="OperatorExpression"/>, <see cref="OtherTableRef"/>), so nothing a query reads is lost.
/// </summary>
internal sealed class DuckDbSyntaxReader
{
    private const ulong NoLocation = ulong.MaxValue;

    /// <summary>The optional expressions of a window function, in the order the tree keeps them.</summary>
    private static readonly string[] WindowOptions = ["filter_expr", "start_expr", "end_expr", "offset_expr", "default_expr"];

    private readonly int[]? _charOfByte;
    private readonly IReadOnlySet<int> _latest;

    private DuckDbSyntaxReader(string sql, IReadOnlySet<int> latest)
    {
        _latest = latest;
        if (Encoding.UTF8.GetByteCount(sql) == sql.Length)
            return;
        _charOfByte = new int[Encoding.UTF8.GetByteCount(sql) + 1];
        var bytes = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            var width = char.IsHighSurrogate(sql[i]) && i + 1 < sql.Length ? Encoding.UTF8.GetByteCount(sql.AsSpan(i, 2)) : Encoding.UTF8.GetByteCount(sql.AsSpan(i, 1));
            for (var b = 0; b < width; b++)
                _charOfByte[bytes + b] = i;
            bytes += width;
            if (width == 4)
                i++;
        }
        _charOfByte[bytes] = sql.Length;
    }

    /// <summary>The first statement's query; <paramref name="latest"/> marks the relations joined with JOIN LATEST.</summary>
    public static QueryNode Read(JsonElement statement, string sql, IReadOnlySet<int> latest) =>
        new DuckDbSyntaxReader(sql, latest).Query(statement.GetProperty("node"));

    private int Char(long byteOffset) =>
        _charOfByte is null ? (int)byteOffset : _charOfByte[(int)Math.Clamp(byteOffset, 0, _charOfByte.Length - 1)];

    private int Location(JsonElement e) =>
        e.TryGetProperty("query_location", out var l) && l.ValueKind == JsonValueKind.Number && l.GetUInt64() != NoLocation
            ? Char((long)l.GetUInt64())
            : -1;

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static bool IsObject(JsonElement e, string property, out JsonElement value) =>
        e.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Object;

    private QueryNode Query(JsonElement node)
    {
        var modifiers = Array(node, "modifiers").ToList();
        QueryNode query = Text(node, "type") switch
        {
            "SELECT_NODE" => Select(node),
            "SET_OPERATION_NODE" => new SetOperationNode(-1, Text(node, "setop_type") ?? "UNION", Query(node.GetProperty("left")), Query(node.GetProperty("right"))),
            var other => new SelectNode(-1, [new OperatorExpression(-1, null, other ?? "QUERY", Inner(node))], null, null, [], false, null, null, false),
        };
        return query with
        {
            Ctes = node.TryGetProperty("cte_map", out var ctes)
                ? Array(ctes, "map").Select(c => new CommonTableExpression(Text(c, "key") ?? "", Query(c.GetProperty("value").GetProperty("query").GetProperty("node")))).ToList()
                : [],
            Distinct = modifiers.Any(m => Text(m, "type") == "DISTINCT_MODIFIER"),
            Limited = modifiers.Any(m => Text(m, "type") is "LIMIT_MODIFIER" or "LIMIT_PERCENT_MODIFIER"),
            OrderBy = modifiers.Where(m => Text(m, "type") == "ORDER_MODIFIER").SelectMany(m => Orders(m, "orders")).ToList(),
        };
    }

    private SelectNode Select(JsonElement node)
    {
        var groups = Array(node, "group_expressions").Select(Expression).ToList();
        var all = groups.Count == 0 && Text(node, "aggregate_handling") == "FORCE_AGGREGATES";
        return new SelectNode(
            -1,
            Array(node, "select_list").Select(Expression).ToList(),
            IsObject(node, "from_table", out var from) && Text(from, "type") != "EMPTY" ? Table(from) : null,
            Optional(node, "where_clause"),
            groups,
            all,
            Optional(node, "having"),
            Optional(node, "qualify"),
            IsObject(node, "sample", out _));
    }

    private SqlExpression? Optional(JsonElement e, string property) => IsObject(e, property, out var v) ? Expression(v) : null;

    private IEnumerable<SqlExpression> Orders(JsonElement e, string property) =>
        Array(e, property).Select(o => Expression(o.GetProperty("expression")));

    private TableRef Table(JsonElement t)
    {
        var offset = Location(t);
        var alias = Text(t, "alias");
        switch (Text(t, "type"))
        {
            case "BASE_TABLE":
                return new BaseTableRef(offset, alias, Text(t, "schema_name"), Text(t, "table_name") ?? "") { Latest = _latest.Contains(offset) };
            case "JOIN":
                var kind = Text(t, "ref_type") is "REGULAR" or null ? Text(t, "join_type") ?? "INNER" : Text(t, "ref_type")!;
                return new JoinRef(offset, Table(t.GetProperty("left")), Table(t.GetProperty("right")), kind, Optional(t, "condition"));
            case "SUBQUERY":
                return new SubqueryRef(offset, alias, Query(t.GetProperty("subquery").GetProperty("node")));
            case "TABLE_FUNCTION" when Expression(t.GetProperty("function")) is FunctionExpression call:
                return new TableFunctionRef(offset, alias, call);
            default:
                return new OtherTableRef(offset, alias, Text(t, "type") ?? "TABLE", Inner(t));
        }
    }

    private SqlExpression Expression(JsonElement e)
    {
        var offset = Location(e);
        var alias = Text(e, "alias");
        switch (Text(e, "class"))
        {
            case "COLUMN_REF":
                return new ColumnExpression(offset, alias, Array(e, "column_names").Select(n => n.GetString() ?? "").ToList());
            case "STAR":
                var pattern = e.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.True ? Optional(e, "expr") : null;
                return new StarExpression(offset, alias, Text(e, "relation_name"), Array(e, "exclude_list").Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.ToString()).ToList(), pattern);
            case "FUNCTION":
                var name = (Text(e, "function_name") ?? "").ToLowerInvariant();
                return new FunctionExpression(
                    offset, alias, name == "count_star" ? "count" : name, Array(e, "children").Select(Expression).ToList(),
                    e.TryGetProperty("distinct", out var distinct) && distinct.ValueKind == JsonValueKind.True,
                    Optional(e, "filter"),
                    IsObject(e, "order_bys", out var orders) ? Orders(orders, "orders").ToList() : [],
                    e.TryGetProperty("is_operator", out var op) && op.ValueKind == JsonValueKind.True);
            case "WINDOW":
                return new WindowExpression(
                    offset, alias, (Text(e, "function_name") ?? "").ToLowerInvariant(), Array(e, "children").Select(Expression).ToList(),
                    Array(e, "partitions").Select(Expression).ToList(), Orders(e, "orders").ToList(),
                    WindowOptions.Select(p => Optional(e, p)).OfType<SqlExpression>().ToList());
            case "SUBQUERY":
                return new SubqueryExpression(offset, alias, Query(e.GetProperty("subquery").GetProperty("node")), Optional(e, "child"));
            case "CONSTANT":
                var value = e.GetProperty("value");
                var type = value.TryGetProperty("type", out var t) ? Text(t, "id") ?? "" : "";
                var isNull = value.TryGetProperty("is_null", out var n) && n.ValueKind == JsonValueKind.True;
                return new ConstantExpression(offset, alias, type, isNull || !value.TryGetProperty("value", out var v) ? null : ConstantText(v));
            case "CAST":
                return new CastExpression(offset, alias, Expression(e.GetProperty("child")), e.TryGetProperty("cast_type", out var ct) ? Text(ct, "id") ?? "" : "");
            default:
                return new OperatorExpression(offset, alias, Text(e, "type") ?? Text(e, "class") ?? "EXPRESSION", Inner(e));
        }
    }

    private static string ConstantText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.GetRawText(),
    };

    /// <summary>The expressions, tables and queries anywhere inside an element the tree does not model, in written order.</summary>
    private List<SyntaxNode> Inner(JsonElement e)
    {
        var found = new List<SyntaxNode>();
        foreach (var property in e.EnumerateObject())
            Collect(property.Value, found);
        return found;
    }

    private void Collect(JsonElement e, List<SyntaxNode> found)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                Collect(item, found);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object)
            return;
        if (e.TryGetProperty("class", out _))
            found.Add(Expression(e));
        else if (Text(e, "type") is { } type && type.EndsWith("_NODE", StringComparison.Ordinal))
            found.Add(Query(e));
        else if (IsObject(e, "node", out var node))
            found.Add(Query(node));
        else if (e.TryGetProperty("query_location", out _) && e.TryGetProperty("alias", out _) && Text(e, "type") is not null)
            found.Add(Table(e));
        else
            found.AddRange(Inner(e));
    }
}
