namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// The extension layer in front of the SQL parser: a query of the dialect as standard DuckDB SQL with every character
/// at the offset it had, so the parser's positions are the user's. <c>JOIN LATEST rel</c> becomes <c>JOIN rel</c>
/// (the keyword blanked out) and the offset of <c>rel</c> is kept to mark it in the tree. <c>TUMBLE</c>, <c>HOP</c>,
/// <c>SESSION</c> and <c>SNAPSHOT</c> are table functions DuckDB parses as they are.
/// </summary>
/// <param name="Sql">The standard SQL, as long as the query.</param>
/// <param name="LatestRelations">The offsets of the relations joined with <c>JOIN LATEST</c>.</param>
public sealed record StandardSql(string Sql, IReadOnlySet<int> LatestRelations)
{
    public static StandardSql From(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.Contains("latest", StringComparison.OrdinalIgnoreCase))
            return new StandardSql(query, new HashSet<int>());
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlTokenizer.Tokenize(query);
        }
        catch (Execution.SqlException)
        {
            return new StandardSql(query, new HashSet<int>()); // the parser reports the unterminated literal
        }
        var text = query.ToCharArray();
        var latest = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!LatestJoin.IsAt(tokens, i))
                continue;
            Array.Fill(text, ' ', tokens[i].Offset, tokens[i].Length);
            latest.Add(tokens[i + 1].Offset);
        }
        return new StandardSql(new string(text), latest);
    }
}
