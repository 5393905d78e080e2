using System.Globalization;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// One <c>SNAPSHOT(domain.product, …)</c> call of a query (time travel): which product, which of its
/// snapshots, and the relation name the call was replaced by.
/// </summary>
/// <param name="Product">The product named in the call.</param>
/// <param name="AsOf">For <c>SNAPSHOT(p, TIMESTAMP '…')</c>: the UTC time; the snapshot current at that time is read.</param>
/// <param name="StepsBack">For <c>SNAPSHOT(p, n)</c>: how many snapshots back (0 = the current one).</param>
/// <param name="Relation">The generated relation name the call was replaced by, e.g. <c>sales.revenue__at_0</c>.</param>
/// <param name="Offset">0-based offset of the <c>SNAPSHOT</c> keyword in the user's text.</param>
/// <param name="ProductOffset">0-based offset of the product name (errors about the product point there).</param>
/// <param name="PointOffset">0-based offset of the second argument (errors about the time or step point there).</param>
public sealed record SnapshotReference(
    QualifiedName Product,
    DateTime? AsOf,
    int? StepsBack,
    QualifiedName Relation,
    int Offset,
    int ProductOffset,
    int PointOffset)
{
    /// <summary>How the call was written, for messages: <c>SNAPSHOT(sales.x, 2)</c> or <c>SNAPSHOT(sales.x, TIMESTAMP '…')</c>.</summary>
    public string Describe() => AsOf is { } at
        ? $"SNAPSHOT({Product}, TIMESTAMP '{FormatTime(at)}')"
        : string.Create(CultureInfo.InvariantCulture, $"SNAPSHOT({Product}, {StepsBack})");

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>, with milliseconds when there are any.</summary>
    public static string FormatTime(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}

/// <summary>The query with every <c>SNAPSHOT(…)</c> call replaced, and what each generated name must resolve to.</summary>
/// <param name="Text">The rewritten SQL and how to map positions in it back to the user's text.</param>
/// <param name="References">One per distinct call (the same product and point written twice share a name).</param>
public sealed record SnapshotRewrite(StreamingRewrite Text, IReadOnlyList<SnapshotReference> References)
{
    public string Sql => Text.Sql;
}

/// <summary>
/// Rewrites time-travel calls — <c>SNAPSHOT(domain.product, TIMESTAMP 'yyyy-MM-dd HH:mm:ss')</c> (the snapshot current at
/// that UTC time) and <c>SNAPSHOT(domain.product, n)</c> (the n-th snapshot back, 0 = current) — into generated relation
/// names (<c>domain.product__at_&lt;k&gt;</c>) that the caller must add to the session's grant. Strings, comments and
/// quoted identifiers are never rewritten; <c>x.snapshot(…)</c> is not a call.
/// </summary>
public static class SnapshotReferences
{
    private const string Usage = "SNAPSHOT(domain.product, TIMESTAMP 'yyyy-MM-dd HH:mm:ss') or SNAPSHOT(domain.product, n)";
    private const string Suffix = "__at_";

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    /// <summary>True when the text contains a <c>SNAPSHOT(</c> call (cheap pre-check).</summary>
    public static bool Mentions(string sql) => sql is not null && sql.Contains("snapshot", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="SqlException"/> at the offending argument for a malformed call.</summary>
    /// <param name="parser">The parser of the dialect: the calls are found on the syntax tree (ADR 18).</param>
    /// <param name="sql">The user's query.</param>
    /// <param name="isTaken">
    /// True for a relation name that already exists (e.g. a real product called <c>revenue__at_0</c>); such names are
    /// skipped when generating. Null: none is taken.
    /// </param>
    public static SnapshotRewrite Rewrite(ISqlParser parser, string sql, Func<QualifiedName, bool>? isTaken = null)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(sql);
        var unchanged = new SnapshotRewrite(new StreamingRewrite(sql, sql, []), []);
        if (!Mentions(sql))
            return unchanged;
        var calls = StandardSql.From(sql).Calls.Where(c => c.Name == "SNAPSHOT").ToDictionary(c => c.Offset);
        if (calls.Count == 0)
            return unchanged;
        foreach (var call in calls.Values)
            CheckShape(sql, call);
        if (StreamingRewriter.Parse(parser, sql) is not { } query)
            return unchanged;

        var names = Identifiers(query);
        var references = new List<SnapshotReference>();
        var sites = new List<RewriteSite>();
        var next = 0;
        foreach (var call in query.DescendantsAndSelf().OfType<FunctionExpression>().Where(f => f.Name == "snapshot" && !f.IsOperator).OrderBy(f => f.Offset))
        {
            if (!calls.TryGetValue(call.Offset, out var written))
                continue;
            var (product, asOf, stepsBack) = Arguments(sql, call, written);
            var reference = references.FirstOrDefault(r => r.Product == product && r.AsOf == asOf && r.StepsBack == stepsBack);
            if (reference is null)
            {
                QualifiedName relation;
                do
                {
                    relation = GeneratedName(product, next++);
                }
                while (isTaken?.Invoke(relation) == true || names.Contains(relation.Name));
                reference = new SnapshotReference(product, asOf, stepsBack, relation, written.Offset, written.Arguments[0].Start, written.Arguments[1].Start);
                references.Add(reference);
            }
            var replacement = reference.Relation.ToString();
            sites.Add(new RewriteSite(written.Span, _ => replacement));
        }
        if (sites.Count == 0)
            return unchanged;
        var spans = new List<RewrittenSpan>();
        var text = new TextSplice(sql, sites).Apply(new TextSpan(0, sql.Length), spans);
        return new SnapshotRewrite(new StreamingRewrite(text, sql, spans), references);
    }

    /// <summary><c>domain.product__at_k</c>, the product name shortened when needed so the name stays a valid identifier.</summary>
    public static QualifiedName GeneratedName(QualifiedName product, int index)
    {
        ArgumentNullException.ThrowIfNull(product);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{Suffix}{index}");
        var stem = product.Name.Length + suffix.Length <= 63 ? product.Name : product.Name[..(63 - suffix.Length)];
        return new QualifiedName(product.Domain, stem + suffix);
    }

    /// <summary>Throws for a call the parser cannot read or that does not have two arguments.</summary>
    private static void CheckShape(string sql, ExtensionCall call)
    {
        if (call.Close < 0)
            throw Error(sql, call.Offset, $"SNAPSHOT( is missing its closing parenthesis: {Usage}.");
        if (call.Arguments.Count > 2)
            throw Error(sql, call.Commas[1], $"SNAPSHOT takes 2 arguments: {Usage}.");
        foreach (var argument in call.Arguments.Where(a => a.IsEmpty))
            throw Error(sql, argument.Start, $"Missing argument in {Usage}.");
        if (call.Arguments.Count < 2)
            throw Error(sql, call.Close, $"SNAPSHOT takes 2 arguments: {Usage}.");
    }

    /// <summary>Every name the query uses (columns, relations, aliases, CTEs): a generated name must be none of them.</summary>
    private static HashSet<string> Identifiers(QueryNode query)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in query.DescendantsAndSelf())
        {
            switch (node)
            {
                case ColumnExpression column:
                    names.UnionWith(column.Names);
                    break;
                case BaseTableRef table:
                    names.Add(table.Name);
                    break;
                case QueryNode q:
                    names.UnionWith(q.Ctes.Select(c => c.Name));
                    break;
            }
            if (node is TableRef { Alias: { } tableAlias })
                names.Add(tableAlias);
            if (node is SqlExpression { Alias: { } alias })
                names.Add(alias);
        }
        return names;
    }

    private static (QualifiedName Product, DateTime? AsOf, int? StepsBack) Arguments(string sql, FunctionExpression call, ExtensionCall written)
    {
        var product = call.Arguments[0] is ColumnExpression { Names.Count: 2 } name
                      && QualifiedName.TryParse($"{name.Names[0].ToLowerInvariant()}.{name.Names[1].ToLowerInvariant()}", out var parsed)
            ? parsed
            : throw Error(sql, written.Arguments[0].Start, $"The first argument of SNAPSHOT must be a product named domain.product, e.g. sales.revenue: {Usage}.");
        var pointOffset = written.Arguments[1].Start;
        switch (call.Arguments[1])
        {
            case ConstantExpression { Text: ['-', ..] } when IsNumber(call.Arguments[1]):
            case FunctionExpression { Name: "-", IsOperator: true, Arguments: [ConstantExpression] }:
                throw Error(sql, pointOffset, "The number of snapshots back cannot be negative: 0 is the current snapshot, 1 the one before it, and so on.");
            case ConstantExpression { Text: { } number } constant when IsNumber(constant):
                if (!IsWhole(constant.Type) || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var back))
                    throw Error(sql, pointOffset, $"The number of snapshots back must be a whole number, 0 for the current snapshot: {Usage}.");
                return (product, null, back);
            case CastExpression { Type: "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE", Operand: ConstantExpression { Type: "VARCHAR", Text: { } time } literal }:
                var text = time.Trim();
                if (!TryParseTime(text, out var at))
                    throw Error(sql, literal.Offset, $"'{text}' is not a timestamp such as '2026-11-25 10:00:00' (UTC).");
                return (product, at, null);
            default:
                throw Error(sql, pointOffset,
                    $"The second argument of SNAPSHOT must be a time, TIMESTAMP '2026-11-25 10:00:00' (UTC), or a number of snapshots back (0 = current): {Usage}.");
        }
    }

    private static bool IsNumber(SqlExpression expression) =>
        expression is ConstantExpression { Type: var type } && (IsWhole(type) || type is "DECIMAL" or "DOUBLE" or "FLOAT");

    private static bool IsWhole(string type) => type == "INTEGER" || type.EndsWith("INT", StringComparison.Ordinal);

    /// <summary>A timestamp literal as UTC: without an offset it is read as UTC, with one (<c>+02:00</c>, <c>Z</c>) converted.</summary>
    private static bool TryParseTime(string text, out DateTime utc)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, styles, out utc))
            return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var withOffset)
            && text.Length >= 10 && char.IsDigit(text[0]) && text[4] == '-')
        {
            utc = withOffset.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    private static SqlException Error(string sql, int offset, string message) => new(SqlError.At(message, sql, offset));
}
