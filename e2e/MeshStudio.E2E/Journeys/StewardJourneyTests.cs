using MeshStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

[Collection(LiveAppCollection.Name)]
public class StewardJourneyTests(LiveApp app)
{
    [Fact]
    public async Task Steward_ApprovesACleanProduct_ItAppearsInTheMarketplace()
    {
        var reviewId = await Arrange.ProductInReviewAsync(app, "e2e_orders_per_product");
        await using var steward = await UserSession.SignInAsync(app, "steward");

        await steward.GoToAsync("/governance/reviews");
        await steward.Page.GetByText("sales.e2e_orders_per_product").ClickAsync();
        await steward.Page.WaitForURLAsync($"**/governance/reviews/{reviewId}");
        await steward.Page.GetByTestId("review-comment").FillAsync("Clean, well described. Approved.");
        await steward.ScreenshotAsync("review-before-approval");
        await steward.Page.GetByTestId("approve").ClickAsync();

        await Expect(steward.Page.GetByTestId("review-status")).ToHaveTextAsync("Approved");

        await steward.GoToAsync("/marketplace?q=merchandising");
        await Expect(steward.Page.GetByTestId("result-title").Filter(new() { HasText = "Orders per product" })).ToBeVisibleAsync();

        await steward.GoToAsync("/governance/audit");
        await Expect(steward.Page.GetByTestId("audit-row").Filter(new() { HasText = "review.approved" }).First).ToBeVisibleAsync();
        await steward.ScreenshotAsync("audit");
    }

    [Fact]
    public async Task Steward_OpensTheSeededPiiReview_ApprovalIsBlockedWithTheReason()
    {
        await using var steward = await UserSession.SignInAsync(app, "steward");

        await steward.GoToAsync("/governance/reviews");
        await steward.Page.GetByText("sales.customer_orders").ClickAsync();

        await Expect(steward.Page.GetByTestId("approve-blocked")).ToContainTextAsync("email");
        await Expect(steward.Page.GetByTestId("approve")).ToBeDisabledAsync();
        await steward.ScreenshotAsync("review-pii-blocked");
    }
}
