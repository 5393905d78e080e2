using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

[Collection(LiveAppCollection.Name)]
public class MarketplaceSearchJourneyTests(LiveApp app)
{
    [Fact]
    public async Task Consumer_SearchesWithATypo_SeesDidYouMeanHighlightsAndFacets()
    {
        await using var consumer = await UserSession.SignInAsync(app, "consumer");

        await consumer.GoToAsync("/marketplace");
        await consumer.Page.GetByTestId("search").FillAsync("revnue");
        await consumer.Page.Keyboard.PressAsync("Enter");

        await Expect(consumer.Page.GetByTestId("did-you-mean")).ToContainTextAsync("Did you mean revenue?");
        var revenue = consumer.Page.GetByTestId("result").Filter(new() { HasText = "Revenue by country" });
        await Expect(revenue.Locator("[data-testid='result-title'] mark")).ToHaveTextAsync("Revenue");
        await Expect(consumer.Page.GetByTestId("owner-facets")).ToBeVisibleAsync();
        await Expect(consumer.Page.GetByTestId("classification-facets")).ToContainTextAsync("No personal data");
        await consumer.ScreenshotAsync("marketplace-typo-search");

        await consumer.Page.GetByTestId("did-you-mean-link").ClickAsync();
        await Expect(consumer.Page.GetByTestId("result-count")).ToContainTextAsync("for “revenue”");
        await Expect(consumer.Page.GetByTestId("did-you-mean")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_DownloadsCsvFromTheProductPage_GetsTheFile()
    {
        await using var owner = await UserSession.SignInAsync(app, "sales.owner");

        await owner.GoToAsync("/products/sales/revenue_by_country");
        await Expect(owner.Page.GetByTestId("download-parquet")).ToBeVisibleAsync();
        await owner.ScreenshotAsync("product-downloads");

        var download = await owner.Page.RunAndWaitForDownloadAsync(() => owner.Page.GetByTestId("download-csv").ClickAsync());

        Assert.Equal("sales.revenue_by_country-page1.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("revenue", text.Split("\r\n")[0], StringComparison.Ordinal);
    }
}
