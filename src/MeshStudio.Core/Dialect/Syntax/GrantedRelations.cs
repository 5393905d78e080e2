using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>The relations of a grant that a query reads, from its syntax tree (<see cref="QueryRelations"/>).</summary>
public static class GrantedRelations
{
    /// <summary>
    /// The grant's relations <paramref name="sql"/> reads, in order of first mention. A statement the parser gives no
    /// tree for (<c>SUMMARIZE</c>, <c>PIVOT</c>, …) reads every relation its text names outside strings and comments:
    /// more than it may read, never less.
    /// </summary>
    public static IReadOnlyList<ReadableRelation> ReadBy(ISqlParser parser, string sql, SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(grant);
        var names = parser.Parse(sql).Query is { } query ? QueryRelations.Of(query).Select(r => r.Name) : NamedInText(sql);
        var read = new List<ReadableRelation>();
        foreach (var name in names)
        {
            var match = grant.Relations.FirstOrDefault(r => string.Equals(r.Name.ToString(), name, StringComparison.OrdinalIgnoreCase));
            if (match is not null && !read.Any(r => r.Name == match.Name))
                read.Add(match);
        }
        return read;
    }

    private static List<string> NamedInText(string sql)
    {
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlTokenizer.Tokenize(sql);
        }
        catch (SqlException)
        {
            return [];
        }
        var names = new List<string>();
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].IsIdentifier && tokens[i + 1].IsSymbol('.') && tokens[i + 2].IsIdentifier)
                names.Add($"{tokens[i].Value}.{tokens[i + 2].Value}");
        }
        return names;
    }
}
