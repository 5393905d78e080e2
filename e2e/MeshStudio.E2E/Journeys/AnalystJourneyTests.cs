using System.Text.RegularExpressions;
using MeshStudio.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

[Collection(LiveAppCollection.Name)]
public partial class AnalystJourneyTests(LiveApp app)
{
    [GeneratedRegex(@"^\d[\d,]* rows$")]
    private static partial Regex RowsText();

    [Fact]
    public async Task Analyst_RunsQueryAndSavesItAsJob_ProductIsCreatedWithData()
    {
        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");
        var studio = new StudioPageObject(analyst);
        await studio.OpenAsync();

        await studio.TypeAsync("SELECT order_id, country, amount FROM sales.orders WHERE amount > 450");
        await studio.RunWithKeyboardAsync();

        await Expect(studio.RowCount).ToHaveTextAsync(RowsText());
        await Expect(studio.GridRows.First).ToBeVisibleAsync();
        await analyst.ScreenshotAsync("studio-query");

        await analyst.Page.GetByTestId("save-as-job").ClickAsync();
        await analyst.Page.GetByLabel("Product name").FillAsync("e2e_big_orders");
        await analyst.Page.GetByTestId("deploy-job").ClickAsync();

        await Expect(analyst.Page.GetByTestId("deploy-result")).ToContainTextAsync("Job sales.e2e_big_orders_job deployed");
        await analyst.ScreenshotAsync("studio-deployed");
        await analyst.Page.GetByText("Open the product →").ClickAsync();
        await Expect(analyst.Page.GetByText("e2e_big_orders").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Analyst_MistypesAColumn_SeesTheErrorWithItsPosition()
    {
        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");
        var studio = new StudioPageObject(analyst);
        await studio.OpenAsync();

        await studio.TypeAsync("SELECT amount, nope FROM sales.orders");
        await analyst.Page.GetByTestId("run").ClickAsync();

        await Expect(studio.Error).ToContainTextAsync("Line 1, column 16");
        await Expect(analyst.Page.Locator(".monaco-editor[role=code] .squiggly-error").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Analyst_TypesDomainDot_GetsItsTablesSuggested()
    {
        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");
        var studio = new StudioPageObject(analyst);
        await studio.OpenAsync();

        await analyst.Page.Locator(".monaco-editor[role=code] .view-lines").ClickAsync();
        await analyst.Page.Keyboard.PressAsync("Control+A");
        await analyst.Page.Keyboard.TypeAsync("SELECT * FROM sales.");

        var suggestions = analyst.Page.Locator(".suggest-widget .monaco-list-row");
        await Expect(suggestions.Filter(new() { HasText = "orders" }).First).ToBeVisibleAsync();
        await analyst.ScreenshotAsync("studio-completion");
    }
}
