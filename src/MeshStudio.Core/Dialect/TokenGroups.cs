namespace MeshStudio.Core.Dialect;

/// <summary>Parenthesised groups in a token list: function calls, their closing parenthesis and their arguments.</summary>
internal static class TokenGroups
{
    /// <summary>True when the token at <paramref name="i"/> is a function name <paramref name="isName"/> accepts, followed by <c>(</c> and not after a <c>.</c>.</summary>
    public static bool IsCall(IReadOnlyList<SqlToken> tokens, int i, Func<SqlToken, bool> isName) =>
        isName(tokens[i])
        && i + 1 < tokens.Count && tokens[i + 1].IsSymbol('(')
        && (i == 0 || !tokens[i - 1].IsSymbol('.'));

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, or -1.</summary>
    public static int Close(IReadOnlyList<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var j = open; j < tokens.Count; j++)
        {
            if (tokens[j].IsSymbol('('))
                depth++;
            else if (tokens[j].IsSymbol(')') && --depth == 0)
                return j;
        }
        return -1;
    }

    /// <summary>
    /// The token ranges <c>[From, To)</c> between <paramref name="from"/> and <paramref name="close"/> separated by
    /// top-level commas (one empty range when there is nothing between them).
    /// </summary>
    public static List<(int From, int To)> Arguments(IReadOnlyList<SqlToken> tokens, int from, int close)
    {
        var args = new List<(int From, int To)>();
        var depth = 0;
        var start = from;
        for (var j = from; j <= close; j++)
        {
            if (j == close || (depth == 0 && tokens[j].IsSymbol(',')))
            {
                args.Add((start, j));
                start = j + 1;
            }
            else if (tokens[j].IsSymbol('('))
            {
                depth++;
            }
            else if (tokens[j].IsSymbol(')'))
            {
                depth--;
            }
        }
        return args;
    }
}
