using System.Text.RegularExpressions;

namespace MeshStudio.Application.Search;

/// <summary>Where the searched words occur in a result's text, and the part of a description worth showing.</summary>
public static partial class TextMatches
{
    public const int SnippetLength = 200;
    private const int LeadIn = 60;

    /// <summary>
    /// The words of <paramref name="text"/> that a searched word matches: the word starts with it (the last word is a
    /// prefix), or it starts with the word and only a short ending differs (<c>revenues</c> marks <c>revenue</c>).
    /// </summary>
    public static IReadOnlyList<MatchRange> Find(string text, IReadOnlyCollection<string> searched)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(searched);
        if (searched.Count == 0)
            return [];
        return WordPattern().Matches(text)
            .Where(m => Matches(m.Value.ToLowerInvariant(), searched))
            .Select(m => new MatchRange(m.Index, m.Length))
            .ToList();
    }

    /// <summary>Whether a word (lower case) is matched by one of the searched words.</summary>
    public static bool Matches(string word, IReadOnlyCollection<string> searched)
    {
        ArgumentNullException.ThrowIfNull(searched);
        return searched.Any(s => word.StartsWith(s, StringComparison.Ordinal)
            || (word.Length >= SearchVocabulary.MinCorrectedLength && s.Length - word.Length <= 3 && s.StartsWith(word, StringComparison.Ordinal)));
    }

    /// <summary>About <see cref="SnippetLength"/> characters of the text, around its first match when that lies further in.</summary>
    public static string Snippet(string text, IReadOnlyCollection<string> searched)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= SnippetLength)
            return text;
        var found = Find(text, searched);
        var first = found.Count > 0 ? found[0] : null;
        var start = 0;
        if (first is not null && first.Start + first.Length > SnippetLength - LeadIn)
        {
            start = text.LastIndexOf(' ', Math.Max(0, first.Start - LeadIn)) + 1;
            if (text.Length - start < SnippetLength)
                start = Math.Max(0, text.IndexOf(' ', text.Length - SnippetLength) + 1);
        }
        var end = Math.Min(text.Length, start + SnippetLength);
        var cut = text[start..end].Trim();
        return (start > 0 ? "…" : "") + cut + (end < text.Length ? "…" : "");
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
