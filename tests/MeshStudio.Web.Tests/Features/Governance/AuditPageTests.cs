using Bunit;
using MeshStudio.Web.Features.Governance;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Governance;

public sealed class AuditPageTests
{
    [Fact]
    public async Task AuditPage_Steward_ListsEntriesNewestFirst()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await ctx.PublishAsync("sales.revenue", "Revenue by country", "Revenue and order counts per country, from the web shop.");
        ctx.SignIn("steward");

        var cut = ctx.Render<AuditPage>();

        cut.WaitForTestId("audit-row");
        var rows = cut.FindAll("[data-testid='audit-row']");
        Assert.Contains("review.approved", rows[0].TextContent);
        Assert.Contains("domain.created", rows[^1].TextContent);
    }

    [Fact]
    public async Task AuditPage_Consumer_IsTurnedAway()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("carl");

        var cut = ctx.Render<AuditPage>();

        Assert.Contains("stewards", cut.WaitForTestId("not-allowed").TextContent);
    }
}
