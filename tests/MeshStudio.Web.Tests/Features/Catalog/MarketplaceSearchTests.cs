using Bunit;
using MeshStudio.Application.Products;
using MeshStudio.Application.Search;
using MeshStudio.Core.Execution;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Tests.Features.Catalog;

/// <summary>The marketplace's typo tolerance, highlighting, owner and classification facets and sort order.</summary>
public sealed class MarketplaceSearchTests
{
    private static async Task<ComponentTestContext> TwoProductsAsync()
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        await ctx.DeploySalesProductAsync("order_volume", "KEY (country) SELECT country, count(*) AS orders FROM sales.orders GROUP BY country");
        await ctx.PublishAsync("sales.order_volume", "Order volume", "How many orders each country places, for operations planning.", "operations");
        ctx.SignIn("carl");
        return ctx;
    }

    private static IRenderedComponent<MarketplacePage> Search(ComponentTestContext ctx, string text)
    {
        var navigation = ctx.Get<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("q", text));
        return ctx.Render<MarketplacePage>();
    }

    [Fact]
    public async Task Marketplace_MisspelledSearch_ShowsTheProductAndDidYouMean()
    {
        await using var ctx = await TwoProductsAsync();

        var cut = Search(ctx, "revnue");

        cut.WaitForAssertion(() => Assert.Contains("Did you mean revenue?", cut.ByTestId("did-you-mean").TextContent), ComponentTestContext.Timeout);
        Assert.Contains("Revenue by country", cut.ByTestId("result").TextContent);
        Assert.Equal("Revenue", cut.Find("[data-testid='result-title'] mark").TextContent);
    }

    [Fact]
    public async Task Marketplace_DidYouMeanClicked_SearchesTheCorrectedWords()
    {
        await using var ctx = await TwoProductsAsync();
        var cut = Search(ctx, "revnue");
        cut.WaitForTestId("did-you-mean-link");

        cut.ByTestId("did-you-mean-link").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='did-you-mean']")), ComponentTestContext.Timeout);
        Assert.Contains("for “revenue”", cut.ByTestId("result-count").TextContent);
        Assert.Contains("q=revenue", ctx.Get<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Marketplace_MarkupInTitleDescriptionAndQuery_IsShownAsText()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue <img src=x onerror=alert(1)>",
            "Revenue <script>alert(2)</script> per country <img src=y onerror=alert(3)> from the shop.", "finance");
        ctx.SignIn("carl");

        var cut = Search(ctx, "revenue <img src=x onerror=alert(1)>");

        cut.WaitForTestId("result");
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("Revenue <img src=x onerror=alert(1)>", cut.ByTestId("result-title").TextContent);
        Assert.Contains("onerror=alert(3)", cut.ByTestId("result-snippet").TextContent);
        Assert.Contains("alert(2)", cut.ByTestId("result-snippet").TextContent);
        // The searched words are marked, as text inside <mark>.
        Assert.Contains(cut.FindAll("[data-testid='result-title'] mark"), m => m.TextContent == "onerror");
        Assert.Contains("<img src=x onerror=alert(1)>", cut.ByTestId("result-count").TextContent);
    }

    [Fact]
    public async Task Marketplace_OwnerAndClassificationFacets_CountAndFilter()
    {
        await using var ctx = await TwoProductsAsync();
        // After publication the order volume's job starts writing e-mail addresses: flagged as personal data.
        await ctx.Get<ProductService>().RecordSnapshotAsync(ComponentTestContext.Q("sales.order_volume"),
            new SnapshotResult("sales/order_volume/snap-2", 3, [new("country", "VARCHAR"), new("email", "VARCHAR")]),
            new Dictionary<string, IReadOnlyCollection<string>>(), CancellationToken.None);

        var cut = ctx.Render<MarketplacePage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='result']").Count), ComponentTestContext.Timeout);
        Assert.Contains("Personal data 1", cut.ByTestId($"facet-classification-{SearchClassification.Personal}").TextContent);
        Assert.Contains("No personal data 1", cut.ByTestId($"facet-classification-{SearchClassification.NotPersonal}").TextContent);
        Assert.Single(cut.FindAll("[data-testid='owner-facets'] .mud-chip"));

        cut.ByTestId($"facet-classification-{SearchClassification.Personal}").Click();

        cut.WaitForAssertion(() =>
        {
            var result = Assert.Single(cut.FindAll("[data-testid='result']"));
            Assert.Contains("Order volume", result.TextContent);
            Assert.Contains("personal data", result.QuerySelector("[data-testid='result-personal']")!.TextContent);
        }, ComponentTestContext.Timeout);
        Assert.Contains("class=personal", ctx.Get<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Marketplace_ColumnTypo_NamesTheMatchedColumn()
    {
        await using var ctx = await TwoProductsAsync();

        var cut = Search(ctx, "ordrs");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='result']").Count), ComponentTestContext.Timeout);
        Assert.Contains(cut.FindAll("[data-testid='result-columns']"), c => c.TextContent.Contains("orders", StringComparison.Ordinal));
    }
}
