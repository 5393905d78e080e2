using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

/// <summary>Two users in two browsers: what one does reaches the other's inbox live; a breaking change reaches its consumer.</summary>
[Collection(LiveAppCollection.Name)]
public class NotificationJourneyTests(LiveApp app)
{
    [Fact]
    public async Task Inbox_AccessRequestInOneBrowser_ArrivesLiveInTheOwnersBrowser_ThenTheConsumerHearsOfABreakingChange()
    {
        var users = app.Services.GetRequiredService<UserContextLoader>();
        var review = await Arrange.ProductInReviewAsync(app, "notify_journey");
        await app.Services.GetRequiredService<ReviewService>().ApproveAsync((await users.LoadByUserNameAsync("steward", default))!, review, "ok", default);
        await using var owner = await UserSession.SignInAsync(app, "sales.owner");
        await owner.GoToAsync("/notifications");
        await Expect(owner.Page.GetByTestId("preferences")).ToBeVisibleAsync();

        await using var consumer = await UserSession.SignInAsync(app, "consumer");
        await consumer.GoToAsync("/products/sales/notify_journey");
        await consumer.Page.GetByTestId("request-access").ClickAsync();
        await consumer.Page.GetByTestId("purpose").FillAsync("Merchandising dashboard for the shop team.");
        await consumer.Page.GetByTestId("submit-request").ClickAsync();
        await Expect(consumer.Page.GetByTestId("access-status")).ToContainTextAsync("pending");

        // No reload: the owner's open inbox and bell update by themselves.
        var asked = owner.Page.GetByTestId("notification").Filter(new() { HasText = "consumer asks for access to sales.notify_journey" });
        await Expect(asked).ToBeVisibleAsync();
        await Expect(owner.Page.GetByTestId("notification-bell")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"\d+ unread"));
        await owner.ScreenshotAsync("inbox-owner");

        await owner.GoToAsync("/access");
        await owner.Page.GetByTestId("pending-request").Filter(new() { HasText = "Merchandising dashboard" }).GetByTestId("approve-request").ClickAsync();
        await consumer.GoToAsync("/notifications");
        await Expect(consumer.Page.GetByTestId("notification").Filter(new() { HasText = "Your access to sales.notify_journey is approved." })).ToBeVisibleAsync();

        var analyst = (await users.LoadByUserNameAsync("sales.analyst", default))!;
        var breaking = await app.Services.GetRequiredService<PipelineDeployer>().DeployAsync(analyst, "sales",
            "ALTER JOB sales.notify_journey_job AS INSERT INTO sales.notify_journey KEY (product) SELECT product, count(*) AS orders FROM sales.orders GROUP BY product", default);
        Assert.True(breaking.Succeeded, string.Join("; ", breaking.Statements.Select(s => s.Message)));

        var told = consumer.Page.GetByTestId("notification").Filter(new() { HasText = "sales.notify_journey, which you use, has a breaking change" });
        await Expect(told).ToBeVisibleAsync();
        await consumer.ScreenshotAsync("inbox-consumer-breaking-change");
        await told.GetByTestId("notification-open").ClickAsync();
        var versions = consumer.Page.GetByTestId("versions");
        await Expect(versions.GetByTestId("version").First).ToContainTextAsync("2.0.0");
        await Expect(versions.GetByTestId("version").First).ToContainTextAsync("Column avg_amount (DOUBLE) is dropped.");
        await versions.ScrollIntoViewIfNeededAsync();
        await versions.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "version-history.png") });
        await Expect(consumer.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
