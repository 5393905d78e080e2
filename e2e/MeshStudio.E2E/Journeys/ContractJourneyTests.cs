using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

/// <summary>A product's contract in the browser: read by a consumer, downloaded as ODCS YAML.</summary>
[Collection(LiveAppCollection.Name)]
public class ContractJourneyTests(LiveApp app)
{
    [Fact]
    public async Task ProductContract_Consumer_ReadsThePromisesAndDownloadsTheYaml()
    {
        await using var consumer = await UserSession.SignInAsync(app, "consumer");
        await consumer.GoToAsync("/products/sales/revenue_by_country");
        var contract = consumer.Page.GetByTestId("contract");

        await Expect(contract.GetByTestId("contract-schema")).ToContainTextAsync("revenue");
        await Expect(contract.GetByTestId("contract-terms")).ToContainTextAsync("Terms of use");
        await contract.ScrollIntoViewIfNeededAsync();
        await contract.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "contract-consumer.png") });

        var download = await consumer.Page.RunAndWaitForDownloadAsync(() => contract.GetByTestId("contract-download").ClickAsync());

        Assert.Equal("sales.revenue_by_country.odcs.yaml", download.SuggestedFilename);
        Assert.StartsWith("apiVersion: v3.1.0\nkind: DataContract\n", await File.ReadAllTextAsync(await download.PathAsync()), StringComparison.Ordinal);
        await Expect(consumer.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ProductContract_Owner_OpensTheYamlEditor()
    {
        await using var owner = await UserSession.SignInAsync(app, "sales.owner");
        await owner.GoToAsync("/products/sales/revenue_by_country");
        var contract = owner.Page.GetByTestId("contract");

        await contract.GetByTestId("contract-edit").ClickAsync();

        await Expect(contract.Locator("textarea[data-testid=contract-yaml], [data-testid=contract-yaml] textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^apiVersion: v3.1.0\nkind: DataContract\n"));
        await contract.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "contract-owner-edit.png") });
    }
}
