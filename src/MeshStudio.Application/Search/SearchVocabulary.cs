using System.Text.RegularExpressions;

namespace MeshStudio.Application.Search;

/// <summary>
/// The words of the published catalog (names, titles, descriptions, tags, column names and descriptions), each with
/// the number of products using it: what tells a typo from a word, and what a typo is corrected to.
/// </summary>
public sealed partial class SearchVocabulary
{
    /// <summary>Shorter words are not corrected: at one edit they would match too many others.</summary>
    public const int MinCorrectedLength = 4;
    private const int MaxCorrections = 3;

    private readonly Dictionary<string, int> _products;
    private readonly string[] _sorted;
    private readonly Dictionary<int, string[]> _byLength;

    private SearchVocabulary(Dictionary<string, int> products)
    {
        _products = products;
        _sorted = [.. products.Keys.Order(StringComparer.Ordinal)];
        _byLength = products.Keys.GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int Count => _products.Count;

    /// <summary>One text per product; each product counts once per word.</summary>
    public static SearchVocabulary Build(IEnumerable<string> productTexts)
    {
        ArgumentNullException.ThrowIfNull(productTexts);
        var products = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in productTexts)
        {
            foreach (var word in Words(text).Distinct(StringComparer.Ordinal))
                products[word] = products.GetValueOrDefault(word) + 1;
        }
        return new SearchVocabulary(products);
    }

    /// <summary>The words of a text as the vocabulary holds them: letters and digits, lower case (<c>customer_id</c> is two).</summary>
    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 1 && !w.All(char.IsDigit));

    /// <summary>
    /// Whether the catalog knows the word: as it is, as a prefix of a word when <paramref name="asPrefix"/>, or as a
    /// known word with a short ending (<c>revenues</c>, <c>customers</c>: the full-text search stems those).
    /// </summary>
    public bool IsKnown(string word, bool asPrefix)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < MinCorrectedLength || _products.ContainsKey(word) || (asPrefix && HasPrefix(word)))
            return true;
        for (var length = Math.Max(MinCorrectedLength, word.Length - 3); length < word.Length; length++)
        {
            if (_products.ContainsKey(word[..length]))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The closest known words (one edit for words up to five letters, two for longer ones), closest and most used
    /// first; empty when none is that close.
    /// </summary>
    public IReadOnlyList<string> Corrections(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < MinCorrectedLength)
            return [];
        var max = word.Length <= 5 ? 1 : 2;
        var found = new List<(string Word, int Distance)>();
        for (var length = word.Length - max; length <= word.Length + max; length++)
        {
            foreach (var candidate in _byLength.GetValueOrDefault(length) ?? [])
            {
                var distance = EditDistance.Bounded(word, candidate, max);
                if (distance <= max)
                    found.Add((candidate, distance));
            }
        }
        return found
            .OrderBy(f => f.Distance).ThenByDescending(f => _products[f.Word]).ThenBy(f => f.Word, StringComparer.Ordinal)
            .Take(MaxCorrections)
            .Select(f => f.Word)
            .ToList();
    }

    private bool HasPrefix(string prefix)
    {
        var index = Array.BinarySearch(_sorted, prefix, StringComparer.Ordinal);
        if (index >= 0)
            return true;
        index = ~index;
        return index < _sorted.Length && _sorted[index].StartsWith(prefix, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
