using Bunit;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Catalog;

/// <summary>The column profile under the schema, from the footers of the snapshot the job wrote.</summary>
public sealed class ProductProfilePanelTests
{
    private static IRenderedComponent<ProductProfilePanel> Render(ComponentTestContext ctx, bool canRead) =>
        ctx.Render<ProductProfilePanel>(p => p.Add(x => x.Product, ComponentTestContext.Q("sales.revenue")).Add(x => x.CanRead, canRead));

    [Fact]
    public async Task ProductProfilePanel_Member_ShowsNullsDistinctMinAndMaxPerColumn()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync(); // US 15.5 (2 orders), DE 20.0 (1 order)
        ctx.SignIn("sam");

        var cut = Render(ctx, canRead: true);

        cut.WaitForTestId("profile-table");
        string[] Cells(string column) => cut.Find($"tr[data-column='{column}']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["country", "0", "2", "DE", "US"], Cells("country"));
        Assert.Equal(["revenue", "0", "2", "15.5", "20"], Cells("revenue"));
        Assert.Equal(["orders", "0", "2", "1", "2"], Cells("orders"));
        Assert.StartsWith("2 rows in 1 file and 1 row group · snapshot snap-", cut.ByTestId("profile-summary").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductProfilePanel_WithoutAccess_ReadsNothingAndSaysHowToGetIt()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        ctx.SignIn("carl");

        var cut = Render(ctx, canRead: false);

        Assert.Contains("Request access to see the column profile", cut.ByTestId("profile").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='profile-table']"));
    }
}
