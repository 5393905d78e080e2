namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// Finds the calls of the dialect's table functions in a token list, with their parentheses and top-level commas:
/// the one parenthesis-depth scanner, part of the extension layer (<see cref="StandardSql"/>). It also finds calls
/// the parser rejects (a missing parenthesis or argument), so the rewrites can say what is wrong with them.
/// </summary>
internal static class ExtensionCalls
{
    private static readonly string[] Names = ["TUMBLE", "HOP", "SESSION", "SNAPSHOT"];

    public static List<ExtensionCall> Find(IReadOnlyList<SqlToken> tokens)
    {
        var calls = new List<ExtensionCall>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (Names.Any(tokens[i].Is) && tokens[i + 1].IsSymbol('(') && (i == 0 || !tokens[i - 1].IsSymbol('.')))
                calls.Add(Call(tokens, i));
        }
        return calls;
    }

    private static ExtensionCall Call(IReadOnlyList<SqlToken> tokens, int name)
    {
        var arguments = new List<TextSpan>();
        var commas = new List<int>();
        var depth = 0;
        var start = name + 2;
        for (var j = name + 1; j < tokens.Count; j++)
        {
            if (tokens[j].IsSymbol('('))
            {
                depth++;
            }
            else if (tokens[j].IsSymbol(')') && --depth == 0)
            {
                if (start < j || arguments.Count > 0)
                    arguments.Add(Span(tokens, start, j));
                return new ExtensionCall(tokens[name].Text.ToUpperInvariant(), tokens[name].Offset, tokens[j].Offset, arguments, commas);
            }
            else if (depth == 1 && tokens[j].IsSymbol(','))
            {
                arguments.Add(Span(tokens, start, j));
                commas.Add(tokens[j].Offset);
                start = j + 1;
            }
        }
        return new ExtensionCall(tokens[name].Text.ToUpperInvariant(), tokens[name].Offset, -1, arguments, commas);
    }

    /// <summary>The text of tokens <c>[from, to)</c>; empty at the token <paramref name="to"/> when there are none.</summary>
    private static TextSpan Span(IReadOnlyList<SqlToken> tokens, int from, int to) =>
        from == to ? new TextSpan(tokens[to].Offset, tokens[to].Offset) : new TextSpan(tokens[from].Offset, tokens[to - 1].End);
}
