using Bunit;
using MeshStudio.Application.Access;
using MeshStudio.Web.Features.Notifications;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features;

public sealed class NotificationsPageTests
{
    /// <summary>Revenue published by sally (owner of sales); Carl (a consumer) may then ask for access.</summary>
    private static async Task<ComponentTestContext> PublishedAsync()
    {
        var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.");
        return ctx;
    }

    [Fact]
    public async Task Badge_AccessRequestedWhileShown_CountsItLive()
    {
        await using var ctx = await PublishedAsync();
        ctx.SignIn("sally");
        var badge = ctx.Render<NotificationBadge>();
        badge.WaitForAssertion(() => Assert.Contains("1 unread", badge.Find("[data-testid='notification-bell']").GetAttribute("aria-label")), ComponentTestContext.Timeout);

        await ctx.Get<AccessService>().RequestAsync(await ctx.UserAsync("carl"), ComponentTestContext.Q("sales.revenue"), "Delivery planning per country.", CancellationToken.None);

        badge.WaitForAssertion(() => Assert.Contains("2 unread", badge.Find("[data-testid='notification-bell']").GetAttribute("aria-label")), ComponentTestContext.Timeout);
    }

    [Fact]
    public async Task Inbox_NewNotificationArrivesLive_ThenMarkAllReadClearsTheUnread()
    {
        await using var ctx = await PublishedAsync();
        ctx.SignIn("sally");
        var page = ctx.Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='notification']")), ComponentTestContext.Timeout);
        Assert.Contains("sales.revenue is approved and published.", page.Find("[data-testid='notification']").TextContent);

        await ctx.Get<AccessService>().RequestAsync(await ctx.UserAsync("carl"), ComponentTestContext.Q("sales.revenue"), "Delivery planning per country.", CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='notification']").Count), ComponentTestContext.Timeout);
        Assert.Contains("asks for access to sales.revenue", page.FindAll("[data-testid='notification']")[0].TextContent);
        Assert.Equal(2, page.FindAll(".item.unread").Count);
        page.ByTestId("mark-all-read").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".item.unread")), ComponentTestContext.Timeout);
        Assert.Equal(5, page.FindAll("[data-testid='preferences'] input[type='checkbox']").Count);
    }
}
