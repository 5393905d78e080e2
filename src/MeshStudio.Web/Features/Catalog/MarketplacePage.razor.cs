using MeshStudio.Application.Products.Trust;
using MeshStudio.Application.Search;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Trust;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>
/// Search over published products with facets (domain, tag, owner, classification), a sort order and "did you mean".
/// The query string (<c>?q=&amp;domain=&amp;tag=&amp;owner=&amp;class=&amp;sort=&amp;page=</c>) reflects the search, so a
/// search can be shared or bookmarked and the back button works.
/// </summary>
public sealed partial class MarketplacePage
{
    public const int PageSize = 10;
    private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();

    private string _text = "";
    private string? _domain;
    private string? _tag;
    private string? _owner;
    private string? _classification;
    private SearchSort _sort;
    private TrustStatus? _trustFilter;
    private int _pageNumber = 1;
    private SearchPage? _page;
    private string? _error;
    private string? _searched;
    private IReadOnlyDictionary<QualifiedName, ProductTrustView> _trust = new Dictionary<QualifiedName, ProductTrustView>();

    [Inject]
    public required ProductSearch Search { get; init; }

    [Inject]
    public required ProductTrust Trust { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    [SupplyParameterFromQuery(Name = "domain")]
    public string? Domain { get; set; }

    [SupplyParameterFromQuery(Name = "tag")]
    public string? Tag { get; set; }

    [SupplyParameterFromQuery(Name = "owner")]
    public string? Owner { get; set; }

    [SupplyParameterFromQuery(Name = "class")]
    public string? Classification { get; set; }

    [SupplyParameterFromQuery(Name = "trust")]
    public string? TrustFilter { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    private bool HasFilters => _domain is not null || _tag is not null || _owner is not null || _classification is not null || _trustFilter is not null;

    private int PageCount => _page is null ? 0 : (_page.Total + PageSize - 1) / PageSize;

    /// <summary>Also runs after our own URL updates; the key check keeps that from searching twice.</summary>
    protected override async Task OnParametersSetAsync()
    {
        _text = Q ?? "";
        _domain = string.IsNullOrWhiteSpace(Domain) ? null : Domain;
        _tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag;
        _owner = string.IsNullOrWhiteSpace(Owner) ? null : Owner;
        _classification = string.IsNullOrWhiteSpace(Classification) ? null : Classification;
        _sort = Enum.TryParse<SearchSort>(Sort, ignoreCase: true, out var sort) ? sort : SearchSort.Relevance;
        _trustFilter = Enum.TryParse<TrustStatus>(TrustFilter, ignoreCase: true, out var trust) && Enum.IsDefined(trust) ? trust : null;
        _pageNumber = Math.Max(1, PageNumber ?? 1);
        if (Key() != _searched)
            await RunAsync();
    }

    private string Key() => $"{_text.Trim()}\n{_domain}\n{_tag}\n{_owner}\n{_classification}\n{_trustFilter}\n{_sort}\n{_pageNumber}";

    private async Task RunAsync()
    {
        _searched = Key();
        _error = null;
        try
        {
            _page = await Search.SearchAsync(
                new ProductQuery(_text.Trim(), _domain, _tag, _pageNumber, PageSize, _owner, _classification, _sort, _trustFilter), CancellationToken.None);
            _trust = await Trust.ForPublishedAsync(_page.Items.Select(i => i.Name).ToList(), CancellationToken.None);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _page = SearchPage.Empty;
            _error = $"The search failed: {e.Message}";
        }
    }

    private void TextChanged(string? text) => _text = text ?? "";

    private async Task DebouncedAsync(string? text)
    {
        _text = text ?? "";
        await ApplyAsync(resetPage: true);
    }

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter")
            await ApplyAsync(resetPage: true);
    }

    private async Task ClearTextAsync()
    {
        _text = "";
        await ApplyAsync(resetPage: true);
    }

    private async Task ToggleDomainAsync(string domain)
    {
        _domain = string.Equals(_domain, domain, StringComparison.OrdinalIgnoreCase) ? null : domain;
        await ApplyAsync(resetPage: true);
    }

    private async Task ToggleTagAsync(string tag)
    {
        _tag = string.Equals(_tag, tag, StringComparison.OrdinalIgnoreCase) ? null : tag;
        await ApplyAsync(resetPage: true);
    }

    private async Task ToggleOwnerAsync(string owner)
    {
        _owner = string.Equals(_owner, owner, StringComparison.OrdinalIgnoreCase) ? null : owner;
        await ApplyAsync(resetPage: true);
    }

    private async Task ToggleClassificationAsync(string classification)
    {
        _classification = _classification == classification ? null : classification;
        await ApplyAsync(resetPage: true);
    }

    private async Task ToggleTrustAsync(string status)
    {
        var chosen = Enum.Parse<TrustStatus>(status);
        _trustFilter = _trustFilter == chosen ? null : chosen;
        await ApplyAsync(resetPage: true);
    }

    private async Task SortAsync(SearchSort sort)
    {
        _sort = sort;
        await ApplyAsync(resetPage: true);
    }

    private async Task SearchForAsync(string text)
    {
        _text = text;
        await ApplyAsync(resetPage: true);
    }

    private async Task ClearFiltersAsync()
    {
        _domain = null;
        _tag = null;
        _owner = null;
        _classification = null;
        _trustFilter = null;
        await ApplyAsync(resetPage: true);
    }

    private async Task GoToPageAsync(int page)
    {
        _pageNumber = page;
        await ApplyAsync(resetPage: false);
    }

    /// <summary>Searches at once and mirrors the state into the URL without adding a history entry per keystroke.</summary>
    private async Task ApplyAsync(bool resetPage)
    {
        if (resetPage)
            _pageNumber = 1;
        if (Key() == _searched)
            return;
        await RunAsync();
        var text = _text.Trim();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = text.Length == 0 ? null : text,
            ["domain"] = _domain,
            ["tag"] = _tag,
            ["owner"] = _owner,
            ["class"] = _classification,
            ["trust"] = _trustFilter?.ToString(),
            ["sort"] = _sort == SearchSort.Relevance ? null : _sort.ToString().ToLowerInvariant(),
            ["page"] = _pageNumber == 1 ? null : _pageNumber,
        }), replace: true);
    }

    private string Describe()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(_text))
            parts.Add($"“{_text.Trim()}”");
        if (_domain is not null)
            parts.Add($"in {_domain}");
        if (_tag is not null)
            parts.Add($"tagged #{_tag}");
        if (_owner is not null)
            parts.Add($"owned by {_owner}");
        if (_classification is not null)
            parts.Add($"with {SearchClassification.Label(_classification).ToLowerInvariant()}");
        if (_trustFilter is not null)
            parts.Add($"trust {_trustFilter.ToString()!.ToLowerInvariant()}");
        return string.Join(" ", parts);
    }

    private string ResultCountText()
    {
        var total = _page!.Total;
        var noun = total == 1 ? "product" : "products";
        var filter = Describe();
        return filter.Length == 0 ? $"{total} {noun}" : $"{total} {noun} {(string.IsNullOrWhiteSpace(_text) ? "" : "for ")}{filter}";
    }
}
