using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

/// <summary>Every page of every role renders without the error banner; screenshots go to bin/…/screenshots for review.</summary>
[Collection(LiveAppCollection.Name)]
public class PagesTourTests(LiveApp app)
{
    [Theory]
    [InlineData("sales.owner", new[] { "/", "/marketplace", "/products/sales/revenue_by_country", "/jobs", "/access", "/domains", "/profile" })]
    [InlineData("steward", new[] { "/", "/governance/reviews", "/governance/audit", "/governance/glossary", "/products/sales/customer_orders" })]
    [InlineData("consumer", new[] { "/", "/marketplace?q=campaign", "/products/marketing/campaign_performance", "/studio", "/jobs" })]
    [InlineData("sales.analyst", new[] { "/jobs", "/jobs/sales/revenue_by_country_job" })]
    public async Task Pages_EachRole_RenderWithoutErrors(string userName, string[] paths)
    {
        await using var session = await UserSession.SignInAsync(app, userName);
        foreach (var path in paths)
        {
            await session.GoToAsync(path);
            await Expect(session.Page.Locator("h1, h4, h5").First).ToBeAttachedAsync();
            await Expect(session.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await session.ScreenshotAsync($"tour-{userName}-{path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-')}");
        }
    }

    [Fact]
    public async Task StudioLive_RevenueTable_UpdatesAsOrdersArrive()
    {
        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");
        var studio = new StudioPageObject(analyst);
        await studio.OpenAsync();
        await studio.TypeAsync("SELECT sum(orders) AS orders FROM sales.revenue_by_country");
        await studio.RunWithKeyboardAsync();
        var cell = analyst.Page.Locator("[data-testid=result-grid] tbody td").First;
        await Expect(cell).ToBeVisibleAsync();
        var before = await cell.TextContentAsync();

        await analyst.Page.GetByTestId("live").ClickAsync();

        await Expect(cell).Not.ToHaveTextAsync(before!, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task JobPage_SalesAnalyst_SeesTheRevenueJobWithRunsChartsAndVersions()
    {
        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");

        await analyst.GoToAsync("/jobs/sales/revenue_by_country_job");

        await Expect(analyst.Page.GetByTestId("job-title")).ToHaveTextAsync("sales.revenue_by_country_job");
        await Expect(analyst.Page.GetByTestId("job-product")).ToHaveTextAsync("sales.revenue_by_country");
        await Expect(analyst.Page.GetByTestId("run-row").First).ToBeVisibleAsync();
        await Expect(analyst.Page.GetByTestId("version").First).ToBeVisibleAsync();
        await Expect(analyst.Page.GetByTestId("run-job")).ToBeEnabledAsync();
        // The scheduler runs the job every 2 s: wait for a second run, then the charts are drawn.
        await Expect(analyst.Page.GetByTestId("throughput-chart")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(analyst.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await analyst.ScreenshotAsync("job-page-sales-analyst");
    }
}
