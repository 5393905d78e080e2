using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

[Collection(LiveAppCollection.Name)]
public class PolicyJourneyTests(LiveApp app)
{
    [Fact]
    public async Task Steward_WritesANamingPolicy_AnalystSeesItWhileTypingAndAtDeploy()
    {
        await using var steward = await UserSession.SignInAsync(app, "steward");
        await steward.GoToAsync("/governance/policies");
        await steward.Page.GetByTestId("new-policy").ClickAsync();
        await steward.Page.GetByTestId("policy-key").FillAsync("e2e-no-legacy-columns");
        await steward.Page.GetByTestId("policy-title").FillAsync("No legacy column names");
        await steward.Page.GetByTestId("policy-domain").FillAsync("sales");
        await steward.Page.GetByTestId("policy-pattern").FillAsync("^(?!legacy_)");
        await steward.Page.GetByTestId("policy-explanation").FillAsync("Legacy names confuse consumers: name columns for what they hold.");
        await steward.Page.GetByTestId("policy-save").ClickAsync();
        await Expect(steward.Page.GetByTestId("policy-e2e-no-legacy-columns")).ToContainTextAsync("No legacy column names");
        await steward.ScreenshotAsync("policies-page");

        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");
        var studio = new StudioPageObject(analyst);
        await studio.OpenAsync();
        await studio.TypeAsync("CREATE JOB sales.e2e_legacy_job AS INSERT INTO sales.e2e_legacy SELECT order_id AS legacy_id FROM sales.orders");

        await Expect(analyst.Page.Locator(".monaco-editor[role=code] .squiggly-error").First).ToBeVisibleAsync();
        await analyst.ScreenshotAsync("studio-policy-marker");
        await analyst.Page.GetByTestId("run").ClickAsync();
        await Expect(analyst.Page.GetByTestId("deploy-result"))
            .ToContainTextAsync("[e2e-no-legacy-columns] The column name legacy_id does not match ^(?!legacy_). Legacy names confuse consumers");
    }
}
