using System.Globalization;
using System.Text;
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
    /// <param name="sql">The user's query.</param>
    /// <param name="isTaken">
    /// True for a relation name that already exists (e.g. a real product called <c>revenue__at_0</c>); such names are
    /// skipped when generating. Null: none is taken.
    /// </param>
    public static SnapshotRewrite Rewrite(string sql, Func<QualifiedName, bool>? isTaken = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (!Mentions(sql))
            return new SnapshotRewrite(new StreamingRewrite(sql, sql, []), []);
        var tokens = SqlTokenizer.Tokenize(sql);
        var spans = new List<RewrittenSpan>();
        var references = new List<SnapshotReference>();
        var output = new StringBuilder();
        var copiedUpTo = 0;
        var next = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsCall(tokens, i))
                continue;
            var close = Close(tokens, i + 1);
            if (close < 0)
                throw Error(sql, tokens[i].Offset, $"SNAPSHOT( is missing its closing parenthesis: {Usage}.");
            var (product, productOffset, asOf, stepsBack, pointOffset) = Arguments(sql, tokens, i, close);
            var reference = references.FirstOrDefault(r => r.Product == product && r.AsOf == asOf && r.StepsBack == stepsBack);
            if (reference is null)
            {
                QualifiedName relation;
                do
                {
                    relation = GeneratedName(product, next++);
                }
                while (isTaken?.Invoke(relation) == true || tokens.Any(t => t.IsIdentifier && string.Equals(t.Value, relation.Name, StringComparison.OrdinalIgnoreCase)));
                reference = new SnapshotReference(product, asOf, stepsBack, relation, tokens[i].Offset, productOffset, pointOffset);
                references.Add(reference);
            }
            var replacement = reference.Relation.ToString();
            output.Append(sql, copiedUpTo, tokens[i].Offset - copiedUpTo);
            spans.Add(new RewrittenSpan(tokens[i].Offset, tokens[close].End, output.Length, output.Length + replacement.Length));
            output.Append(replacement);
            copiedUpTo = tokens[close].End;
            i = close;
        }
        if (spans.Count == 0)
            return new SnapshotRewrite(new StreamingRewrite(sql, sql, []), []);
        output.Append(sql, copiedUpTo, sql.Length - copiedUpTo);
        return new SnapshotRewrite(new StreamingRewrite(output.ToString(), sql, spans), references);
    }

    /// <summary><c>domain.product__at_k</c>, the product name shortened when needed so the name stays a valid identifier.</summary>
    public static QualifiedName GeneratedName(QualifiedName product, int index)
    {
        ArgumentNullException.ThrowIfNull(product);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{Suffix}{index}");
        var stem = product.Name.Length + suffix.Length <= 63 ? product.Name : product.Name[..(63 - suffix.Length)];
        return new QualifiedName(product.Domain, stem + suffix);
    }

    private static bool IsCall(IReadOnlyList<SqlToken> tokens, int i) => TokenGroups.IsCall(tokens, i, t => t.Is("SNAPSHOT"));

    private static int Close(IReadOnlyList<SqlToken> tokens, int open) => TokenGroups.Close(tokens, open);

    private static (QualifiedName Product, int ProductOffset, DateTime? AsOf, int? StepsBack, int PointOffset) Arguments(
        string sql, IReadOnlyList<SqlToken> tokens, int call, int close)
    {
        var args = TokenGroups.Arguments(tokens, call + 2, close);
        if (args.Count == 1 && args[0].From == args[0].To)
            throw Error(sql, tokens[close].Offset, $"SNAPSHOT takes 2 arguments: {Usage}.");
        if (args.Count > 2)
            throw Error(sql, tokens[args[2].From - 1].Offset, $"SNAPSHOT takes 2 arguments: {Usage}.");
        foreach (var (from, to) in args.Where(a => a.From == a.To))
            throw Error(sql, tokens[from].Offset, $"Missing argument in {Usage}.");
        if (args.Count < 2)
            throw Error(sql, tokens[close].Offset, $"SNAPSHOT takes 2 arguments: {Usage}.");

        var product = Product(sql, tokens, args[0].From, args[0].To);
        var (pointFrom, pointTo) = args[1];
        var point = tokens.Skip(pointFrom).Take(pointTo - pointFrom).ToList();
        var pointOffset = point[0].Offset;
        if (point.Count == 1 && point[0].Kind == SqlTokenKind.Number)
        {
            if (!int.TryParse(point[0].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var back))
                throw Error(sql, pointOffset, $"The number of snapshots back must be a whole number, 0 for the current snapshot: {Usage}.");
            return (product, tokens[args[0].From].Offset, null, back, pointOffset);
        }
        if (point.Count == 2 && point[0].IsSymbol('-') && point[1].Kind == SqlTokenKind.Number)
            throw Error(sql, pointOffset, "The number of snapshots back cannot be negative: 0 is the current snapshot, 1 the one before it, and so on.");
        if (point.Count == 2 && (point[0].Is("TIMESTAMP") || point[0].Is("TIMESTAMPTZ")) && point[1].Kind == SqlTokenKind.String)
        {
            var text = point[1].Value.Trim();
            if (!TryParseTime(text, out var at))
                throw Error(sql, point[1].Offset, $"'{text}' is not a timestamp such as '2026-11-25 10:00:00' (UTC).");
            return (product, tokens[args[0].From].Offset, at, null, pointOffset);
        }
        throw Error(sql, pointOffset,
            $"The second argument of SNAPSHOT must be a time, TIMESTAMP '2026-11-25 10:00:00' (UTC), or a number of snapshots back (0 = current): {Usage}.");
    }

    private static QualifiedName Product(string sql, IReadOnlyList<SqlToken> tokens, int from, int to)
    {
        if (to - from == 3 && tokens[from].IsIdentifier && tokens[from + 1].IsSymbol('.') && tokens[from + 2].IsIdentifier
            && QualifiedName.TryParse($"{Name(tokens[from])}.{Name(tokens[from + 2])}", out var name))
        {
            return name;
        }
        throw Error(sql, tokens[from].Offset, $"The first argument of SNAPSHOT must be a product named domain.product, e.g. sales.revenue: {Usage}.");
    }

    /// <summary>Unquoted words are case-insensitive (lower-cased); quoted identifiers are taken as written.</summary>
    private static string Name(SqlToken token) =>
        token.Kind == SqlTokenKind.Word ? token.Value.ToLowerInvariant() : token.Value;

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
