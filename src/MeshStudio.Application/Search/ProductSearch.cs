using System.Text.RegularExpressions;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Search;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Search;

/// <summary>The marketplace search: full text over published products (<see cref="SearchDialect"/>), ranked, with facets.</summary>
public sealed partial class ProductSearch(IDbContextFactory<MeshDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    private const int MaxTerms = 16;
    private const int SnippetLength = 200;

    public async Task<SearchPage> SearchAsync(ProductQuery query, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var terms = Terms(query.Text);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var match = terms.Count == 0 ? null : SearchDialect.For(db).Expression(terms);

        // Rank and snippet per matching product id; null = no text, every published product matches.
        Dictionary<int, (int Rank, string Snippet)>? ranked = null;
        if (match is not null)
            ranked = await MatchAsync(db, match, ct);

        var candidates = await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Published)
            .Select(p => new
            {
                p.Id,
                Domain = p.Domain!.Name,
                p.Name,
                p.Title,
                p.Description,
                p.Tags,
                OwnerDisplayName = p.Owner == null ? "" : p.Owner.DisplayName,
                OwnerUserName = p.Owner == null ? "" : p.Owner.UserName,
                p.LastUpdatedAt,
                p.RowCount,
                p.PublishedAt,
            })
            .ToListAsync(ct);
        var matches = ranked is null ? candidates : candidates.Where(c => ranked.ContainsKey(c.Id)).ToList();

        var domainFilter = string.IsNullOrWhiteSpace(query.Domain) ? null : query.Domain.Trim();
        var tagFilter = string.IsNullOrWhiteSpace(query.Tag) ? null : query.Tag.Trim();
        bool InDomain(string domain) => domainFilter is null || string.Equals(domain, domainFilter, StringComparison.OrdinalIgnoreCase);
        bool HasTag(List<string> tags) => tagFilter is null || tags.Contains(tagFilter, StringComparer.OrdinalIgnoreCase);

        var domainFacets = matches.Where(m => HasTag(m.Tags))
            .GroupBy(m => m.Domain)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var tagFacets = matches.Where(m => InDomain(m.Domain))
            .SelectMany(m => m.Tags.Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

        var filtered = matches.Where(m => InDomain(m.Domain) && HasTag(m.Tags));
        var ordered = ranked is null
            ? filtered.OrderByDescending(m => m.PublishedAt).ThenBy(m => m.Domain).ThenBy(m => m.Name).ToList()
            : filtered.OrderBy(m => ranked[m.Id].Rank).ToList();

        var items = ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(m => new SearchHit(
                new QualifiedName(m.Domain, m.Name),
                m.Title,
                ranked is null ? Shorten(SearchIndex.PlainText(m.Description)) : ranked[m.Id].Snippet,
                m.Tags,
                string.IsNullOrEmpty(m.OwnerDisplayName) ? m.OwnerUserName ?? "" : m.OwnerDisplayName,
                m.LastUpdatedAt,
                m.RowCount))
            .ToList();
        return new SearchPage(items, ordered.Count, domainFacets, tagFacets);
    }

    private static async Task<Dictionary<int, (int Rank, string Snippet)>> MatchAsync(
        MeshDbContext db, string match, CancellationToken ct)
    {
        var result = new Dictionary<int, (int, string)>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = SearchDialect.For(db).Match;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "match";
        parameter.Value = match;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rank = 0;
        while (await reader.ReadAsync(ct))
            result[reader.GetInt32(0)] = (rank++, reader.IsDBNull(1) ? "" : reader.GetString(1));
        return result;
    }

    /// <summary>
    /// What a user typed as SQLite's FTS5 expression: every word quoted (so no FTS syntax can be injected), words AND-ed,
    /// the last one a prefix ("rev" finds "revenue"). Null when there is nothing to search for.
    /// </summary>
    public static string? ToMatchExpression(string? text) =>
        Terms(text) is { Count: > 0 } terms ? new SqliteSearchDialect().Expression(terms) : null;

    /// <summary>The words of what a user typed: letters and digits only, lower case, at most <see cref="MaxTerms"/>.</summary>
    private static List<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : NonWord().Split(text).Where(t => t.Length > 0).Take(MaxTerms).Select(t => t.ToLowerInvariant()).ToList();

    private static string Shorten(string text) =>
        text.Length <= SnippetLength ? text : string.Concat(text.AsSpan(0, SnippetLength).TrimEnd(), "…");

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
