using System.Text.RegularExpressions;
using MeshStudio.Application.Products.Trust;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Search;
using Microsoft.EntityFrameworkCore;
using static MeshStudio.Application.Search.SearchFilters;

namespace MeshStudio.Application.Search;

/// <summary>
/// The marketplace search: full text over published products (<see cref="SearchDialect"/>), ranked, tolerant of
/// typos (a word the catalog does not know is searched together with its closest known words, and the corrected
/// search is offered as "did you mean"), sorted, with facets (trust status from <see cref="ProductTrust"/>) and the
/// matched words' positions for highlighting.
/// </summary>
public sealed partial class ProductSearch(IDbContextFactory<MeshDbContext> dbFactory, PublishedCatalog catalog, ProductTrust trust, TimeProvider time)
{
    private readonly SearchTrust _trust = new(trust, time);

    public const int MaxPageSize = 100;
    private const int MaxTerms = 16;

    /// <summary>With at least this many matches of the words as typed, unknown words are not corrected.</summary>
    public const int FewExactHits = 3;

    public async Task<SearchPage> SearchAsync(ProductQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var terms = Terms(query.Text);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var current = await catalog.CurrentAsync(db, ct);
        var asTyped = AsTyped(terms);
        var alternatives = Alternatives(terms, current.Vocabulary);

        // Rank per matching product id; null = no text, every published product matches.
        Dictionary<int, int>? ranked = null;
        List<PublishedProduct> matches;
        if (alternatives.Count > 0)
        {
            var dialect = SearchDialect.For(db);
            if (alternatives.Any(a => a.Count > 1))
            {
                // A word the vocabulary lacks may still match as typed (a stemmed form); corrections are for few hits.
                var exact = await MatchAsync(db, dialect.Expression(asTyped), ct);
                if (exact.Count >= FewExactHits)
                    (ranked, alternatives) = (exact, asTyped);
            }
            ranked ??= await MatchAsync(db, dialect.Expression(alternatives), ct);
            // An id missing from the loaded copy was published after it was read; the next search shows it.
            matches = ranked.Keys.Where(current.Products.ContainsKey).Select(id => current.Products[id]).ToList();
        }
        else
        {
            matches = [.. current.Products.Values];
        }

        var searched = alternatives.SelectMany(a => a).Distinct(StringComparer.Ordinal).ToList();
        var filters = new SearchFilters(query, await _trust.CurrentAsync(db, current.Version, ct));
        var filtered = matches.Where(m => filters.Keeps(m));
        var ordered = (query.Sort, ranked) switch
        {
            (SearchSort.Freshness, _) => filtered.OrderByDescending(m => m.LastUpdatedAt ?? DateTime.MinValue).ThenBy(m => m.Name.ToString(), StringComparer.Ordinal),
            (_, null) => filtered.OrderByDescending(m => m.PublishedAt).ThenBy(m => m.Name.ToString(), StringComparer.Ordinal),
            (_, { } rank) => filtered.OrderBy(m => rank[m.Id]),
        };
        var all = ordered.ToList();
        var items = all.Skip((page - 1) * pageSize).Take(pageSize).Select(m => Hit(m, searched)).ToList();
        return new SearchPage(
            items,
            all.Count,
            filters.Count(matches, Facet.Domain),
            filters.Count(matches, Facet.Tag),
            filters.Count(matches, Facet.Owner),
            filters.Count(matches, Facet.Classification),
            filters.Count(matches, Facet.Trust),
            DidYouMean(terms, alternatives));
    }

    private static SearchHit Hit(PublishedProduct product, List<string> searched)
    {
        var snippet = TextMatches.Snippet(product.Description, searched);
        return new SearchHit(
            product.Name,
            product.Title,
            snippet,
            product.Tags,
            product.Owner,
            product.LastUpdatedAt,
            product.RowCount,
            product.ContainsPersonalData,
            TextMatches.Find(product.Title, searched),
            TextMatches.Find(snippet, searched),
            searched.Count == 0
                ? []
                : product.Columns.Where(c => SearchVocabulary.Words(c).Any(w => TextMatches.Matches(w, searched))).ToList());
    }

    /// <summary>Per typed word, the words searched for it: itself, and its corrections when the catalog does not know it.</summary>
    private static List<IReadOnlyList<string>> Alternatives(List<string> terms, SearchVocabulary vocabulary) =>
        terms.Select((term, i) => vocabulary.IsKnown(term, asPrefix: i == terms.Count - 1)
                ? (IReadOnlyList<string>)[term]
                : [term, .. vocabulary.Corrections(term)])
            .ToList();

    /// <summary>The search with each corrected word replaced by its best correction; null when nothing was corrected.</summary>
    private static string? DidYouMean(List<string> terms, List<IReadOnlyList<string>> alternatives) =>
        alternatives.Any(a => a.Count > 1)
            ? string.Join(' ', alternatives.Select((a, i) => a.Count > 1 ? a[1] : terms[i]))
            : null;

    private static async Task<Dictionary<int, int>> MatchAsync(MeshDbContext db, string match, CancellationToken ct)
    {
        var result = new Dictionary<int, int>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = SearchDialect.For(db).Match;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "match";
        parameter.Value = match;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rank = 0;
        while (await reader.ReadAsync(ct))
            result[reader.GetInt32(0)] = rank++;
        return result;
    }

    /// <summary>
    /// What a user typed as SQLite's FTS5 expression (without corrections): every word quoted (so no FTS syntax can be
    /// injected), words AND-ed, the last one a prefix ("rev" finds "revenue"). Null when there is nothing to search for.
    /// </summary>
    public static string? ToMatchExpression(string? text) =>
        Terms(text) is { Count: > 0 } terms ? new SqliteSearchDialect().Expression(AsTyped(terms)) : null;

    private static List<IReadOnlyList<string>> AsTyped(List<string> terms) => [.. terms.Select(t => (IReadOnlyList<string>)[t])];

    /// <summary>The words of what a user typed: letters and digits only, lower case, at most <see cref="MaxTerms"/>.</summary>
    private static List<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : NonWord().Split(text).Where(t => t.Length > 0).Take(MaxTerms).Select(t => t.ToLowerInvariant()).ToList();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
