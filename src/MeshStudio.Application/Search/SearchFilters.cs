using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Trust;

namespace MeshStudio.Application.Search;

/// <summary>
/// The facet filters of a query, and the facet counts they leave (each facet ignores its own filter). A product
/// missing from <paramref name="trust"/> (published since it was judged) counts as <see cref="TrustStatus.Unknown"/>.
/// </summary>
public sealed class SearchFilters(ProductQuery query, IReadOnlyDictionary<QualifiedName, TrustStatus> trust)
{
    private readonly string? _domain = Clean(query?.Domain);
    private readonly string? _tag = Clean(query?.Tag);
    private readonly string? _owner = Clean(query?.Owner);
    private readonly string? _classification = Clean(query?.Classification);
    private readonly TrustStatus? _trust = query?.Trust;

    /// <summary>The facets, in the order the marketplace shows them.</summary>
    public enum Facet
    {
        Domain,
        Tag,
        Owner,
        Classification,
        Trust,
    }

    /// <summary>Whether the product passes every filter except <paramref name="ignoring"/>'s.</summary>
    public bool Keeps(PublishedProduct product, Facet? ignoring = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        return (ignoring == Facet.Domain || _domain is null || Same(product.Name.Domain, _domain))
            && (ignoring == Facet.Tag || _tag is null || product.Tags.Contains(_tag, StringComparer.OrdinalIgnoreCase))
            && (ignoring == Facet.Owner || _owner is null || Same(product.Owner, _owner))
            && (ignoring == Facet.Classification || _classification is null || Same(SearchClassification.Of(product), _classification))
            && (ignoring == Facet.Trust || _trust is null || TrustOf(product) == _trust);
    }

    /// <summary>Per value of the facet, how many of <paramref name="matches"/> the other filters keep; most first.</summary>
    public IReadOnlyDictionary<string, int> Count(IReadOnlyList<PublishedProduct> matches, Facet facet)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in matches)
        {
            if (!Keeps(product, facet))
                continue;
            foreach (var value in Values(product, facet))
                counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        var ordered = facet == Facet.Domain
            ? counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal);
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (value, count) in ordered)
            result[value] = count;
        return result;
    }

    /// <summary>The product's trust status.</summary>
    public TrustStatus TrustOf(PublishedProduct product) =>
        trust.GetValueOrDefault(product?.Name ?? throw new ArgumentNullException(nameof(product)), TrustStatus.Unknown);

    private IEnumerable<string> Values(PublishedProduct product, Facet facet) => facet switch
    {
        Facet.Domain => [product.Name.Domain],
        Facet.Tag => product.Tags.Distinct(StringComparer.OrdinalIgnoreCase),
        Facet.Owner => product.Owner.Length == 0 ? [] : [product.Owner],
        Facet.Trust => [TrustOf(product).ToString()],
        _ => [SearchClassification.Of(product)],
    };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
