namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// The extension layer in front of the SQL parser: a query of the dialect as standard DuckDB SQL with every character
/// at the offset it had, so the parser's positions are the user's. <c>JOIN LATEST rel</c> becomes <c>JOIN rel</c>
/// (the keyword blanked out) and the offset of <c>rel</c> is kept to mark it in the tree. <c>TUMBLE</c>, <c>HOP</c>,
/// <c>SESSION</c> and <c>SNAPSHOT</c> are table functions DuckDB parses as they are; where their calls and arguments
/// are written is kept for the rewrites that replace them (the tree has where nodes start, not where they end).
/// </summary>
/// <param name="Sql">The standard SQL, as long as the query.</param>
/// <param name="LatestJoins">Every <c>JOIN LATEST</c>, in written order.</param>
/// <param name="Calls">Every call of the dialect's table functions, in written order.</param>
public sealed record StandardSql(string Sql, IReadOnlyList<LatestJoinSite> LatestJoins, IReadOnlyList<ExtensionCall> Calls)
{
    private static readonly string[] Extensions = ["latest", "tumble", "hop", "session", "snapshot"];

    /// <summary>The offsets of the relations joined with <c>JOIN LATEST</c>.</summary>
    public IReadOnlySet<int> LatestRelations { get; } = LatestJoins.Select(j => j.Relation.Start).ToHashSet();

    public static StandardSql From(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Extensions.Any(e => query.Contains(e, StringComparison.OrdinalIgnoreCase)))
            return new StandardSql(query, [], []);
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlTokenizer.Tokenize(query);
        }
        catch (Execution.SqlException)
        {
            return new StandardSql(query, [], []); // the parser reports the unterminated literal
        }
        var text = query.ToCharArray();
        var latest = new List<LatestJoinSite>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsLatestJoin(tokens, i))
                continue;
            Array.Fill(text, ' ', tokens[i].Offset, tokens[i].Length);
            latest.Add(LatestJoinOf(query, tokens, i));
        }
        return new StandardSql(new string(text), latest, ExtensionCalls.Find(tokens));
    }

    private static bool IsLatestJoin(IReadOnlyList<SqlToken> tokens, int i) =>
        tokens[i].Is("LATEST") && i > 0 && tokens[i - 1].Is("JOIN")
        && i + 1 < tokens.Count && (tokens[i + 1].IsIdentifier || tokens[i + 1].IsSymbol('('));

    private static LatestJoinSite LatestJoinOf(string query, IReadOnlyList<SqlToken> tokens, int latest)
    {
        var name = tokens[latest + 1];
        if (!name.IsIdentifier)
            return new LatestJoinSite(tokens[latest].Offset, new TextSpan(name.Offset, name.End), true, null, name.End, false);
        var end = latest + 1;
        while (end + 2 < tokens.Count && tokens[end + 1].IsSymbol('.') && tokens[end + 2].IsIdentifier)
            end += 2;
        var j = end + 1;
        if (j < tokens.Count && tokens[j].Is("AS"))
            j++;
        string? alias = null;
        if (j < tokens.Count && tokens[j].IsIdentifier && !tokens[j].Is("ON"))
            alias = tokens[j++].Value;
        var after = j < tokens.Count ? tokens[j].Offset : query.Length;
        return new LatestJoinSite(tokens[latest].Offset, new TextSpan(name.Offset, tokens[end].End), false, alias, after, j < tokens.Count && tokens[j].Is("ON"));
    }
}
