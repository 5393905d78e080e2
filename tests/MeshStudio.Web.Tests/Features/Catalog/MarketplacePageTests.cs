using Bunit;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Tests.Features.Catalog;

public sealed class MarketplacePageTests
{
    [Fact]
    public async Task Marketplace_PublishedAndDraft_ShowsOnlyThePublishedProduct()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        await ctx.DeployRevenueAsync("revenue_draft");
        await ctx.DescribeAsync("sales.revenue_draft", "Secret draft revenue", "Not ready for consumers yet, still a draft product.", "finance");
        ctx.SignIn("carl");

        var cut = ctx.Render<MarketplacePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='result']")), ComponentTestContext.Timeout);
        var result = cut.ByTestId("result");
        Assert.Contains("Revenue by country", result.TextContent);
        Assert.Contains("sales.revenue", result.TextContent);
        Assert.DoesNotContain("Secret draft revenue", cut.Markup);
    }

    [Fact]
    public async Task Marketplace_TagFacet_FiltersResultsAndShowsCounts()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        await ctx.DeploySalesProductAsync("order_volume", "KEY (country) SELECT country, count(*) AS orders FROM sales.orders GROUP BY country");
        await ctx.PublishAsync("sales.order_volume", "Order volume", "How many orders each country places, for operations planning.", "operations");
        ctx.SignIn("carl");

        var cut = ctx.Render<MarketplacePage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='result']").Count), ComponentTestContext.Timeout);
        Assert.Contains("2", cut.ByTestId("facet-domain-sales").TextContent);

        cut.ByTestId("facet-tag-operations").Click();

        cut.WaitForAssertion(() =>
        {
            var results = cut.FindAll("[data-testid='result']");
            Assert.Single(results);
            Assert.Contains("Order volume", results[0].TextContent);
        }, ComponentTestContext.Timeout);
        Assert.Contains("tag=operations", ctx.Get<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Marketplace_SearchSubmittedWithEnter_ReflectsQueryInUrl()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        ctx.SignIn("carl");
        var cut = ctx.Render<MarketplacePage>();
        cut.WaitForTestId("result");

        cut.Fill("search", "nothingmatchesthis");
        cut.Find("[data-testid='search'] input, input[data-testid='search']").KeyDown("Enter");

        cut.WaitForTestId("no-results");
        Assert.Contains("q=nothingmatchesthis", ctx.Get<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Marketplace_QueryStringText_SearchesOnOpen()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.", "finance");
        ctx.SignIn("carl");

        var navigation = ctx.Get<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("q", "revenue"));

        var cut = ctx.Render<MarketplacePage>();

        cut.WaitForAssertion(() => Assert.Contains("Revenue by country", cut.ByTestId("result").TextContent), ComponentTestContext.Timeout);
        Assert.Contains("for “revenue”", cut.ByTestId("result-count").TextContent);
    }
}
