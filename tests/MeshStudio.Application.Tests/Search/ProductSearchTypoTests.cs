using MeshStudio.Application.Search;
using static MeshStudio.Application.Tests.Search.RealisticCatalog;

namespace MeshStudio.Application.Tests.Search;

public sealed class ProductSearchTypoTests(RealisticCatalog catalog) : IClassFixture<RealisticCatalog>
{
    private Task<SearchPage> SearchAsync(string text) =>
        catalog.Context.Search.SearchAsync(new ProductQuery(text, null, null), CancellationToken.None);

    [Fact]
    public async Task SearchAsync_MisspelledWord_FindsTheProductsOfTheWordAndSuggestsIt()
    {
        var page = await SearchAsync("revnue");

        Assert.Equal("revenue", page.DidYouMean);
        Assert.Contains(page.Items, h => h.Name == Q("sales.revenue_by_country"));
        Assert.Contains(page.Items, h => h.Name == Q("marketing.campaign_performance"));
    }

    [Fact]
    public async Task SearchAsync_MisspelledColumnName_FindsProductsWithThatColumnAndNamesIt()
    {
        var page = await SearchAsync("custmer");

        var hit = Assert.Single(page.Items);
        Assert.Equal(Q("sales.lifetime_value"), hit.Name);
        Assert.Equal(["customer_id"], hit.MatchedColumns);
        Assert.Equal("customer", page.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_OneOfTwoWordsMisspelled_CorrectsOnlyThatWord()
    {
        var page = await SearchAsync("delivery carier");

        Assert.Equal("delivery carrier", page.DidYouMean);
        Assert.Contains(page.Items, h => h.Name == Q("logistics.delivery_times"));
    }

    [Theory]
    [InlineData("revenue")]
    [InlineData("revenues")]
    [InlineData("rev")]
    [InlineData("shipment")]
    public async Task SearchAsync_KnownWordOrPrefix_SuggestsNothing(string text)
    {
        var page = await SearchAsync(text);

        Assert.Null(page.DidYouMean);
        Assert.NotEmpty(page.Items);
    }

    [Fact]
    public async Task SearchAsync_WordFarFromEveryKnownWord_FindsNothingAndSuggestsNothing()
    {
        var page = await SearchAsync("xylophone");

        Assert.Empty(page.Items);
        Assert.Null(page.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_CorrectedWord_IsMarkedInTitleAndSnippet()
    {
        var page = await SearchAsync("revnue");

        var hit = page.Items.Single(h => h.Name == Q("sales.revenue_by_country"));
        Assert.Equal([new MatchRange(0, 7)], hit.TitleMatches);
        var marked = hit.SnippetMatches.Select(m => hit.Snippet.Substring(m.Start, m.Length)).ToList();
        Assert.Equal(["revenue"], marked);
    }
}
