using System.Text.RegularExpressions;
using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

[Collection(LiveAppCollection.Name)]
public partial class ConsumerJourneyTests(LiveApp app)
{
    [GeneratedRegex(@"^\d[\d,]* rows$")]
    private static partial Regex RowsText();

    [Fact]
    public async Task Consumer_FindsProductRequestsAccessIsGrantedAndQueriesIt()
    {
        await using var consumer = await UserSession.SignInAsync(app, "consumer");

        await consumer.GoToAsync("/marketplace");
        await consumer.Page.GetByTestId("search").FillAsync("delivery");
        await consumer.Page.Keyboard.PressAsync("Enter");
        await consumer.Page.GetByTestId("result-title").Filter(new() { HasText = "Delivery performance" }).ClickAsync();
        await Expect(consumer.Page.GetByTestId("sample-locked")).ToBeVisibleAsync();

        await consumer.Page.GetByTestId("request-access").ClickAsync();
        await consumer.Page.GetByTestId("purpose").FillAsync("Weekly carrier report for the sales leadership team.");
        await consumer.Page.GetByTestId("submit-request").ClickAsync();
        await Expect(consumer.Page.GetByTestId("access-status")).ToContainTextAsync("pending");
        await consumer.ScreenshotAsync("product-access-requested");

        await using (var owner = await UserSession.SignInAsync(app, "logistics.owner"))
        {
            await owner.GoToAsync("/access");
            var request = owner.Page.GetByTestId("pending-request").Filter(new() { HasText = "Weekly carrier report" });
            await owner.ScreenshotAsync("access-to-decide");
            await request.GetByTestId("approve-request").ClickAsync();
            await Expect(owner.Page.GetByTestId("message")).ToContainTextAsync("can now read logistics.delivery_performance");
        }

        await consumer.Page.ReloadAsync();
        await Expect(consumer.Page.GetByTestId("access-status")).ToContainTextAsync("Access granted");
        await Expect(consumer.Page.GetByTestId("sample-grid")).ToBeVisibleAsync();
        await consumer.ScreenshotAsync("product-granted");

        await consumer.Page.GetByTestId("open-in-studio").ClickAsync();
        var studio = new StudioPageObject(consumer);
        await consumer.Page.Locator(".monaco-editor[role=code]").WaitForAsync();
        await studio.RunWithKeyboardAsync();
        await Expect(studio.RowCount).ToHaveTextAsync(RowsText());
        await consumer.ScreenshotAsync("consumer-studio");
    }
}
