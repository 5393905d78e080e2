using Bunit;
using MeshStudio.Web.Features.Governance;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Data.Sqlite;

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

    [Fact]
    public async Task VerifyButton_UntouchedLog_SaysIntact()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        ctx.SignIn("steward");
        var cut = ctx.Render<AuditPage>();

        cut.WaitForTestId("verify-audit").Click();

        cut.WaitForAssertion(() => Assert.Contains("The audit chain is intact", cut.Find("[data-testid='verify-result']").TextContent,
            StringComparison.Ordinal), ComponentTestContext.Timeout);
        cut.WaitForAssertion(() => Assert.Contains("audit.verified", cut.FindAll("[data-testid='audit-row']")[0].TextContent,
            StringComparison.Ordinal), ComponentTestContext.Timeout);
    }

    [Fact]
    public async Task VerifyButton_EntryChangedInTheFile_NamesIt()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await using (var file = new SqliteConnection($"Data Source={Path.Combine(ctx.Root, "catalog.db")};Pooling=False"))
        {
            await file.OpenAsync();
            await using var command = file.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_entries_no_update; UPDATE AuditEntries SET Details = '' WHERE Id = 2";
            await command.ExecuteNonQueryAsync();
        }
        ctx.SignIn("steward");
        var cut = ctx.Render<AuditPage>();

        cut.WaitForTestId("verify-audit").Click();

        cut.WaitForAssertion(() => Assert.Contains("The audit chain breaks at entry 2", cut.Find("[data-testid='verify-result']").TextContent,
            StringComparison.Ordinal), ComponentTestContext.Timeout);
    }
}
