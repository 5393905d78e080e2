using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

/// <summary>A product's lineage in the browser: the diagram, a column's origins, and a click through to an upstream node.</summary>
[Collection(LiveAppCollection.Name)]
public class LineageJourneyTests(LiveApp app)
{
    [Fact]
    public async Task ProductLineage_SalesOwner_SelectsAColumnAndClicksThroughToTheUpstreamJob()
    {
        await using var owner = await UserSession.SignInAsync(app, "sales.owner");
        await owner.GoToAsync("/products/sales/revenue_by_country");
        var lineage = owner.Page.GetByTestId("product-lineage");
        await Expect(lineage.Locator("[data-testid=lineage-node][data-node='source:sales.orders']")).ToBeVisibleAsync();

        await lineage.Locator("[data-testid=lineage-column][data-column=revenue]").ClickAsync();

        await Expect(owner.Page.GetByTestId("upstream-column")).ToHaveTextAsync(["sales.orders.amount read by its job"], new() { UseInnerText = true });
        await Expect(lineage.Locator("[data-testid=lineage-node][data-node='source:sales.orders']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("highlighted"));
        await owner.ScreenshotAsync("lineage-product-sales-owner");

        await lineage.Locator("[data-testid=lineage-node][data-node='job:sales.revenue_by_country_job'] a").ClickAsync();

        await Expect(owner.Page.GetByTestId("job-title")).ToHaveTextAsync("sales.revenue_by_country_job");
    }

    [Fact]
    public async Task MeshLineage_Admin_ShowsEveryDomainWithKeyboardLinks()
    {
        await using var admin = await UserSession.SignInAsync(app, "admin");

        await admin.GoToAsync("/lineage");

        var mesh = admin.Page.GetByTestId("mesh-lineage");
        foreach (var node in new[] { "source:sales.orders", "job:marketing.campaign_performance_job", "product:logistics.delivery_performance" })
            await Expect(mesh.Locator($"[data-testid=lineage-node][data-node='{node}']")).ToBeVisibleAsync();
        await Expect(mesh.Locator("[data-testid=lineage-link][data-node='product:logistics.delivery_performance']")).ToHaveAttributeAsync("href", "/products/logistics/delivery_performance");
        await Expect(admin.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await admin.ScreenshotAsync("lineage-mesh-admin");
    }

    [Fact]
    public async Task MeshLineage_Consumer_SeesPublishedProductsLinkedAcrossDomainsWithoutInternals()
    {
        await using var consumer = await UserSession.SignInAsync(app, "consumer");

        await consumer.GoToAsync("/lineage");

        var mesh = consumer.Page.GetByTestId("mesh-lineage");
        await Expect(mesh.Locator("[data-testid=lineage-node][data-node='product:marketing.country_focus']")).ToBeVisibleAsync();
        await Expect(mesh.Locator("[data-testid=lineage-node][data-node^='source:'], [data-testid=lineage-node][data-node^='job:']")).ToHaveCountAsync(0);
        await Expect(mesh.Locator("[data-testid=lineage-list]")).ToContainTextAsync("Product marketing.country_focus published");
        await Expect(mesh.Locator("[data-testid=lineage-list]")).ToContainTextAsync("from sales.revenue_by_country");
        await consumer.ScreenshotAsync("lineage-mesh-consumer");
    }
}
